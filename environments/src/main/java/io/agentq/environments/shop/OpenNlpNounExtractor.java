package io.agentq.environments.shop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.SimpleTokenizer;

/**
 * Nouns by Apache OpenNLP's stock English maximum-entropy POS model (NOUN and PROPN, as spaCy's
 * tags), shipped in a Maven jar; WebShop itself uses spaCy, so a few tags may differ. Thread-safe:
 * a tagger per thread, results cached per name.
 */
public final class OpenNlpNounExtractor implements NounExtractor {
  private static final String MODEL = "/en-pos-maxent.bin";
  private final POSModel model;
  private final ThreadLocal<POSTaggerME> tagger;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  public OpenNlpNounExtractor() {
    try (InputStream in = OpenNlpNounExtractor.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException(
            "OpenNLP POS model " + MODEL + " is not on the class path (opennlp-postag-models jar)");
      }
      model = new POSModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenNLP POS model", e);
    }
    tagger = ThreadLocal.withInitial(() -> new POSTaggerME(model));
  }

  @Override
  public List<String> nouns(String productName) {
    return cache.computeIfAbsent(productName, this::tag);
  }

  /** OpenNLP 2 maps the model's Penn tags to Universal Dependencies (NOUN, PROPN) by default. */
  private static boolean isNoun(String tag) {
    return tag.equals("NOUN") || tag.equals("PROPN") || tag.startsWith("NN");
  }

  private List<String> tag(String name) {
    String[] tokens = SimpleTokenizer.INSTANCE.tokenize(name);
    String[] tags = tagger.get().tag(tokens);
    List<String> nouns = new ArrayList<>();
    for (int i = 0; i < tokens.length; i++) {
      if (isNoun(tags[i]) && Character.isLetterOrDigit(tokens[i].charAt(0))) {
        nouns.add(tokens[i].toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(nouns);
  }
}
