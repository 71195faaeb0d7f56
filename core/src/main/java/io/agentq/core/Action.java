package io.agentq.core;

/**
 * An environment command from Agent Q's small grammar. {@link #toString()} gives the canonical text
 * form that {@link ActionParser} reads back.
 */
public sealed interface Action {
  /** CLICK [id] */
  record Click(int elementId) implements Action {
    @Override
    public String toString() {
      return "CLICK [" + elementId + "]";
    }
  }

  /** TYPE [id] [text]: fill the text box and submit its form, like pressing Enter. */
  record Type(int elementId, String text) implements Action {
    @Override
    public String toString() {
      return "TYPE [" + elementId + "] [" + text + "]";
    }
  }

  /** SCROLL [up|down] */
  record Scroll(boolean down) implements Action {
    @Override
    public String toString() {
      return "SCROLL [" + (down ? "down" : "up") + "]";
    }
  }

  /** BACK: the browser's back button. */
  record Back() implements Action {
    @Override
    public String toString() {
      return "BACK";
    }
  }

  /** WebShop alias search[query]: type the query into the page's search box and submit. */
  record Search(String query) implements Action {
    @Override
    public String toString() {
      return "search[" + query + "]";
    }
  }

  /** WebShop alias click[label]: click the element whose label is this text. */
  record ClickLabel(String label) implements Action {
    @Override
    public String toString() {
      return "click[" + label + "]";
    }
  }

  /**
   * ASK [question]: ask the user a question; the site shows it with the user's answer. An alias
   * like search[...]: it types the question into the page's "Ask the user" box, so it is a step
   * like any other.
   */
  record Ask(String question) implements Action {
    public Ask {
      if (question == null || question.isBlank()) {
        throw new IllegalArgumentException("ASK needs a question: write ASK [your question]");
      }
      question = question.strip();
    }

    @Override
    public String toString() {
      return "ASK [" + question + "]";
    }
  }
}
