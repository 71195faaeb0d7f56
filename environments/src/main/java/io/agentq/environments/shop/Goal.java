package io.agentq.environments.shop;

import io.agentq.core.Instruction;
import java.util.List;

/**
 * A shop task with its hidden fields. Only the reward function and the scripted expert read a Goal;
 * the agent gets {@link #instruction()} alone.
 *
 * @param index the task id: the goal's line number in the goals file, from 0
 * @param asin the target product
 * @param priceUpper the price bound (inclusive, quirk of §7)
 */
public record Goal(
    int index,
    String asin,
    String instructionText,
    List<String> attributes,
    List<GoalOption> options,
    double priceUpper) {
  public Goal {
    attributes = List.copyOf(attributes);
    options = List.copyOf(options);
  }

  public Instruction instruction() {
    return new Instruction(instructionText);
  }
}
