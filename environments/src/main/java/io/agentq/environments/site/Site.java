package io.agentq.environments.site;

import io.agentq.environments.ledger.KeyLookup;

/**
 * What a search episode needs from a built-in site, reached over HTTP: its tasks' instructions,
 * sandbox and live sessions (a sandbox scores an irreversible action and records nothing; a live
 * session records it under an Idempotency-Key), and the one answer to trust after a failed or
 * timed-out irreversible request: what the site holds under the key. Pages themselves are reached
 * by a page driver at {@link #baseUrl()}; every session's pages live under {@code /s/{session}/},
 * so a sandbox node's state URL names the same page of the live session once the session id is
 * swapped.
 */
public interface Site {
  /** The environment's id, as requests, artifacts and {@code --env} name it: "shop", "booking". */
  String environment();

  /** The site's address, e.g. {@code http://127.0.0.1:3000}, without a trailing '/'. */
  String baseUrl();

  /** The instruction of task {@code taskId}: what an episode's agent is told. */
  String instruction(int taskId);

  /**
   * Opens (or re-opens) session {@code sessionId} on task {@code taskId}; returns the URL of its
   * first page.
   */
  String openSession(int taskId, String sessionId, boolean sandbox);

  /**
   * What the live site holds under {@code key}, with the record seen as the episode records it.
   *
   * @param chosenStateUrl the state URL of the sandbox page the search chose to commit from (a
   *     sandbox done page; may be empty), so the answer says whether the record is that choice
   */
  KeyLookup<Held> held(String key, String chosenStateUrl);

  /**
   * The record an irreversible request made, as an episode adopts it.
   *
   * @param donePath the live session's page that shows the record (relative to the site)
   * @param reward the site's own score of the record
   * @param what the record in a few words, e.g. "order #3: B0XX {size=large}"
   * @param sameAsChosen whether the record is what the search chose (false when another request
   *     under the same key made something else, which the episode then records as it is)
   */
  record Held(String donePath, double reward, String what, boolean sameAsChosen) {}
}
