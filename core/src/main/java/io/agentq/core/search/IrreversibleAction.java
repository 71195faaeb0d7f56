package io.agentq.core.search;

/**
 * An action of the committed path that cannot be undone (buy, book, pay), as the episode records
 * it: the key it was sent under, and whether this run executed it or adopted an outcome the site
 * already had under that key (after a crash, a timeout or a second run of the same episode).
 *
 * @param ordinal 1 for the episode's first irreversible action, 2 for its second...
 * @param key the idempotency key: {@code {episodeId}:irreversible:{ordinal}}
 * @param nodeId the tree node whose action it was
 * @param command the command the search chose
 * @param adopted true when the site already held an outcome under the key and it was taken over
 * @param matchesSearch false when the outcome on record differs from what this search chose
 * @param note what happened, in words (shown by {@code show} and in the manifest)
 */
public record IrreversibleAction(
    int ordinal,
    String key,
    int nodeId,
    String command,
    boolean adopted,
    boolean matchesSearch,
    String note) {

  /**
   * The key of the {@code ordinal}-th irreversible action of an episode: business identity only.
   */
  public static String key(String episodeId, int ordinal) {
    return episodeId + ":irreversible:" + ordinal;
  }
}
