package io.agentq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionParserTest {
  @Test
  void readsEveryCommandOfTheGrammar() {
    assertEquals(new Action.Click(12), ActionParser.parse("CLICK [12]"));
    assertEquals(new Action.Click(3), ActionParser.parse("  click[ 3 ] "));
    assertEquals(
        new Action.Type(4, "red shoes [size 9]"),
        ActionParser.parse("TYPE [4] [red shoes [size 9]]"));
    assertEquals(new Action.Scroll(true), ActionParser.parse("SCROLL [down]"));
    assertEquals(new Action.Scroll(false), ActionParser.parse("scroll [UP]"));
    assertEquals(new Action.Back(), ActionParser.parse("BACK"));
    assertEquals(new Action.Search("white shirt"), ActionParser.parse("search[white shirt]"));
    assertEquals(new Action.ClickLabel("Buy Now"), ActionParser.parse("click[Buy Now]"));
    assertEquals(new Action.Ask("Would 8:30 work?"), ActionParser.parse("ASK [Would 8:30 work?]"));
    assertEquals(new Action.Ask("your phone?"), ActionParser.parse("  ask[ your phone? ] "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CLICK [12]",
        "TYPE [4] [a b]",
        "SCROLL [up]",
        "BACK",
        "search[x y]",
        "click[< Prev]",
        "ASK [Inside or outside?]"
      })
  void textFormRoundTrips(String text) {
    assertEquals(text, ActionParser.parse(text).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "JUMP [1]", "CLICK [x]", "SCROLL [left]", "TYPE [1]", "ASK []", "ASK [  ]"})
  void rejectsWhatIsNotInTheGrammar(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ActionParser.parse(text));
    assertTrue(e.getMessage().startsWith("not an action: '" + text.strip() + "'"), e.getMessage());
  }
}
