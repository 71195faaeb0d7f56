package io.agentq.environments.shop;

import java.util.List;

/**
 * The nouns (NOUN or PROPN) of a product name, lower-cased, duplicates kept, in order: what
 * WebShop's type reward compares. Production uses a real part-of-speech tagger; tests may pin the
 * lists of the spec's worked examples.
 */
public interface NounExtractor {
  List<String> nouns(String productName);
}
