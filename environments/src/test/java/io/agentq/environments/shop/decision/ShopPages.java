package io.agentq.environments.shop.decision;

import io.agentq.core.Action;
import io.agentq.core.AgentState;
import io.agentq.core.Instruction;
import io.agentq.core.Observation;
import io.agentq.core.PageElement;
import java.util.List;

/** Two distilled shop pages, written by hand as the distiller prints them, for the tests. */
final class ShopPages {
  static final String INSTRUCTION = "i want a blue cotton t-shirt in large, under 30 dollars";

  private ShopPages() {}

  static AgentState resultsPage() {
    String text =
        String.join(
            "\n",
            "Instruction: " + INSTRUCTION,
            "[1] link \"Back to Search\"",
            "Page 2 (Total results: 20)",
            "[2] link \"< Prev\"",
            "[3] link \"Next >\"",
            "B000000001",
            "[4] link \"Blue Cotton T-Shirt\"",
            "$25.00",
            "B000000002",
            "[5] link \"Red Cotton T-Shirt\"",
            "$45.00");
    Observation page =
        new Observation(
            "http://shop/s/x/search?k=blue&p=2",
            "Results | agentq shop",
            text,
            List.of(
                new PageElement(1, "link", "Back to Search", false),
                new PageElement(2, "link", "< Prev", false),
                new PageElement(3, "link", "Next >", false),
                new PageElement(4, "link", "Blue Cotton T-Shirt", false),
                new PageElement(5, "link", "Red Cotton T-Shirt", false)));
    return new AgentState(
        new Instruction(INSTRUCTION), List.of(new Action.Type(1, "blue cotton t-shirt")), page);
  }

  /**
   * An item page with "red" chosen in color (blue is named) and no size chosen (large is not on
   * offer).
   */
  static AgentState itemPage() {
    String text =
        String.join(
            "\n",
            "Instruction: " + INSTRUCTION,
            "[1] link \"Back to Search\"",
            "[2] link \"< Prev\"",
            "color:",
            "[3] link \"blue\"",
            "[4] link \"red\" (selected)",
            "size:",
            "[5] link \"small\"",
            "[6] link \"x-large\"",
            "Blue Cotton T-Shirt",
            "Price: $28.00",
            "Rating: N.A.",
            "[7] link \"Description\"",
            "[8] link \"Features\"",
            "[9] button \"Buy Now\"");
    Observation page =
        new Observation(
            "http://shop/s/x/item/B000000001?k=blue&p=1&o_color=red",
            "Item | agentq shop",
            text,
            List.of(
                new PageElement(1, "link", "Back to Search", false),
                new PageElement(2, "link", "< Prev", false),
                new PageElement(3, "link", "blue", false),
                new PageElement(4, "link", "red", true),
                new PageElement(5, "link", "small", false),
                new PageElement(6, "link", "x-large", false),
                new PageElement(7, "link", "Description", false),
                new PageElement(8, "link", "Features", false),
                new PageElement(9, "button", "Buy Now", false)));
    return new AgentState(
        new Instruction(INSTRUCTION),
        List.of(new Action.Type(1, "blue cotton t-shirt"), new Action.Click(4)),
        page);
  }
}
