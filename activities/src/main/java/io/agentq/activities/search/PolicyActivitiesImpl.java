package io.agentq.activities.search;

import io.agentq.core.AgentState;
import io.agentq.core.CompositeAction;
import io.agentq.core.Critic;
import io.agentq.core.Instruction;
import io.agentq.core.Policy;
import io.agentq.core.search.Proposal;
import io.agentq.core.search.SearchSteps;
import io.agentq.infra.artifacts.ObservationStore;
import io.agentq.workflows.search.PolicyActivities;
import java.util.List;
import java.util.SplittableRandom;

/** The episode's policy proposes and its critic ranks, on stored pages. */
public final class PolicyActivitiesImpl implements PolicyActivities {
  private final AgentCatalog agents;
  private final ObservationStore observations;

  public PolicyActivitiesImpl(AgentCatalog agents, ObservationStore observations) {
    this.agents = AgentCatalog.inActivities(agents);
    this.observations = observations;
  }

  private AgentState state(String instruction, String observationKey, List<String> history) {
    return new AgentState(
        new Instruction(instruction),
        SiteEnvironmentActivities.parse(history),
        observations.get(observationKey));
  }

  @Override
  public SearchSteps.Expansion expand(Expand r) {
    AgentState s = state(r.instruction(), r.at().observationKey(), r.history());
    Policy policy = agents.policy(r.policy());
    Critic critic = agents.critic(r.critic());
    List<CompositeAction> proposed = policy.propose(s, r.k(), new SplittableRandom(r.seed()));
    List<Proposal> proposals =
        proposed.stream()
            .map(
                c ->
                    new Proposal(
                        c.plan(),
                        c.thought(),
                        c.command().toString(),
                        c.explanation(),
                        c.logLikelihood()))
            .toList();
    List<Integer> ranking =
        proposed.isEmpty()
            ? List.of()
            : critic.rank(s, proposals.stream().map(Proposal::composite).toList());
    return new SearchSteps.Expansion(proposals, ranking);
  }
}
