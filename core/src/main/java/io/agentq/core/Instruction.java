package io.agentq.core;

/**
 * The user's instruction, as the agent sees it: text only. A goal's hidden fields (target product,
 * attribute and option lists, price bound) are deliberately absent, so a policy cannot read them.
 */
public record Instruction(String text) {
  public Instruction {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("instruction text is empty");
    }
  }
}
