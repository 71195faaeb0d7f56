package io.agentq.environments.shop;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The fixed train / held-out rule: a goal is held out when the CRC-32 of its target asin is 0 mod
 * 10. Splitting by target product means no held-out product is ever the target of a training goal.
 */
public enum TaskSplit {
  TRAIN,
  HELDOUT,
  ALL;

  public static TaskSplit of(String asin) {
    CRC32 crc = new CRC32();
    crc.update(asin.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 10 == 0 ? HELDOUT : TRAIN;
  }

  public boolean contains(Goal goal) {
    return this == ALL || of(goal.asin()) == this;
  }

  public static TaskSplit parse(String name) {
    for (TaskSplit s : values()) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new io.agentq.core.InputException(
        "--split: unknown split '" + name + "' (use train, heldout or all)");
  }
}
