package io.agentq.environments.shop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenNlpNounExtractorTest {
  @Test
  void tagsTheHeadNounsOfAProductTitle() {
    List<String> nouns =
        new OpenNlpNounExtractor().nouns("Northwind Slim Fit Long Sleeve Dress Shirt");
    assertTrue(nouns.contains("shirt"), nouns.toString());
    assertTrue(nouns.stream().allMatch(n -> n.equals(n.toLowerCase())), nouns.toString());
  }
}
