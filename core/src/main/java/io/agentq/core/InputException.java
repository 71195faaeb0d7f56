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
}
