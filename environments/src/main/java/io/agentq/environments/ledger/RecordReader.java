package io.agentq.environments.ledger;

import java.util.Optional;

/** Reads a site's record by the id its key row names: what a replay or a lookup answers with. */
@FunctionalInterface
public interface RecordReader<R> {
  Optional<R> read(long recordId);
}
