/**
 * Activity implementations: thin adapters over {@code infra} (browser, policy, critic, artifact
 * store) that the durable search workflows call. The durable search (issue 3) fills this module.
 */
package io.agentq.activities;
