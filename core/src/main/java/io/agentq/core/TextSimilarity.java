package io.agentq.core;

/** How alike two texts are in meaning, in [-1, 1] (a sentence encoder's cosine). */
@FunctionalInterface
public interface TextSimilarity {
  double similarity(String a, String b);
}
