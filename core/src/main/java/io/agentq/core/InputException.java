package io.agentq.core;

/**
 * Bad input from a user or a file: the message names the input, what is wrong with it and what to
 * do. The command line prints the message on one line and exits non-zero.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The bad input behind a failure, wherever it is in the chain of causes. */
  public static java.util.Optional<InputException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InputException bad) {
        return java.util.Optional.of(bad);
      }
    }
    return java.util.Optional.empty();
  }
}
