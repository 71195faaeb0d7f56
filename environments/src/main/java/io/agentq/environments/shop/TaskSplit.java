package io.agentq.environments.shop;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The fixed split of goals by target product, from the CRC-32 of the target asin: 0 mod 10 is held
 * out (reported numbers only), 1 mod 10 is dev (carved from train: every choice of hyper-parameters
 * and every promotion is made on it), the rest is train (all training data). Splitting by target
 * product means no held-out or dev product is ever the target of a training goal.
 */
public enum TaskSplit {
  TRAIN,
  DEV,
  HELDOUT,
  ALL;

  public static TaskSplit of(String asin) {
    CRC32 crc = new CRC32();
    crc.update(asin.getBytes(StandardCharsets.UTF_8));
    long bucket = crc.getValue() % 10;
    return bucket == 0 ? HELDOUT : bucket == 1 ? DEV : TRAIN;
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
        "--split: unknown split '" + name + "' (use train, dev, heldout or all)");
  }
}
