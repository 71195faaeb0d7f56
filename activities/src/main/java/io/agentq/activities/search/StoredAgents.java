package io.agentq.activities.search;

import io.agentq.core.Critic;
import io.agentq.core.InputException;
import io.agentq.core.Policy;
import io.agentq.core.judge.Judge;
import io.agentq.infra.judge.JudgeStore;
import io.agentq.infra.policy.BasePolicyCritic;
import io.agentq.infra.policy.ZeroShotPolicy;
import io.agentq.infra.training.CriticStore;
import io.agentq.infra.training.PolicyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents a worker serves: the built-in zero-shot policy, every policy version in the store
 * ("v0", "v1", ...), and the critics "base-ranking" (the frozen zero-shot policy ranks proposals by
 * its likelihood), "base-ranking:vN" (a frozen stored version does) and "critic:cN" (a learned
 * listwise critic in the store, frozen).
 */
public final class StoredAgents implements AgentCatalog {
  /** The prefix of a learned critic's name: "critic:c0". */
  public static final String LEARNED = "critic:";

  private final PolicyStore policies;
  private final CriticStore learned;
  private final Map<String, Critic> critics = new ConcurrentHashMap<>();
  private final JudgeStore judges;
  private final Map<String, Judge> loadedJudges = new ConcurrentHashMap<>();
  private volatile Policy zeroShot;

  public StoredAgents(PolicyStore policies, CriticStore learned) {
    this(policies, learned, null);
  }

  /** With the judges of a store ("judge:jN"), which a search may back up instead of the site. */
  public StoredAgents(PolicyStore policies, CriticStore learned, JudgeStore judges) {
    this.policies = policies;
    this.learned = learned;
    this.judges = judges;
  }

  @Override
  public Judge judge(String name) {
    if (judges == null) {
      return AgentCatalog.super.judge(name);
    }
    return loadedJudges.computeIfAbsent(JudgeStore.normalise(name), judges::load);
  }

  @Override
  public Policy policy(String name) {
    if (name.equals("zero-shot")) {
      if (zeroShot == null) {
        zeroShot = ZeroShotPolicy.withDefaults();
      }
      return zeroShot;
    }
    return policies.load(name);
  }

  @Override
  public Critic critic(String name) {
    return critics.computeIfAbsent(name, this::newCritic);
  }

  private Critic newCritic(String name) {
    if (name.equals("base-ranking")) {
      return new BasePolicyCritic(policy("zero-shot"));
    }
    if (name.startsWith("base-ranking:")) {
      return new BasePolicyCritic(policy(name.substring("base-ranking:".length())));
    }
    if (name.startsWith(LEARNED)) {
      return learned.load(name.substring(LEARNED.length()));
    }
    throw new InputException(
        "critic '" + name + "' is unknown (use base-ranking, base-ranking:vN or critic:cN)");
  }
}
