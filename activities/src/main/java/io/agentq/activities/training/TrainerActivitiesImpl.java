package io.agentq.activities.training;

import io.agentq.activities.search.AgentCatalog;
import io.agentq.core.StoreKeys;
import io.agentq.core.TaskSampler;
import io.agentq.core.training.TrainingSpec;
import io.agentq.infra.artifacts.JsonArtifacts;
import io.agentq.infra.training.PolicyStore;
import io.agentq.infra.training.PolicyVersion;
import io.agentq.infra.training.TrainingRun;
import io.agentq.workflows.training.EvalSummary;
import io.agentq.workflows.training.RoundRequest;
import io.agentq.workflows.training.RoundResult;
import io.agentq.workflows.training.TrainerActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The trainer activities: thin adapters over {@link TrainingRun} and the policy store. */
public final class TrainerActivitiesImpl implements TrainerActivities {
  private final JsonArtifacts artifacts;
  private final PolicyStore policies;
  private final AgentCatalog agents;

  public TrainerActivitiesImpl(JsonArtifacts artifacts, PolicyStore policies, AgentCatalog agents) {
    this.artifacts = artifacts;
    this.policies = policies;
    this.agents = agents;
  }

  record Allocation(String version) {}

  @Override
  public String allocateVersion(String roundId) {
    String key = StoreKeys.round(roundId, "version.json");
    Optional<Allocation> done = artifacts.get(key, Allocation.class);
    if (done.isPresent()) {
      return done.get().version();
    }
    String v = policies.allocate(roundId);
    artifacts.put(key, "round-version", new Allocation(v));
    return v;
  }

  @Override
  public Trained train(TrainingSpec r) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    TrainingRun run = new TrainingRun(artifacts, policies, agents::policy);
    int resumedAfter = run.lastSaved(r.runKey()).map(TrainingRun.SavedEpoch::epoch).orElse(0);
    // The heartbeat carries only the key of the last saved epoch; what resumes a run is the store.
    AtomicReference<String> last = new AtomicReference<>(r.runKey());
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor();
    beat.scheduleAtFixedRate(
        () -> {
          try {
            ctx.heartbeat(last.get());
          } catch (RuntimeException cancelledOrTimedOut) {
            // The server gave up on this attempt; the retry resumes from the store.
          }
        },
        0,
        2,
        TimeUnit.SECONDS);
    try {
      PolicyVersion v = run.run(r, last::set);
      return new Trained(v.version(), v.metrics(), v.examples(), resumedAfter);
    } finally {
      beat.shutdownNow();
    }
  }

  @Override
  public void promote(String version, String reason) {
    policies.promote(version, reason);
  }

  @Override
  public String report(String roundId, RoundRequest request, RoundResult result) {
    String key = StoreKeys.round(roundId, "report.json");
    PolicyVersion v = policies.manifest(result.version()).orElseThrow();
    artifacts.put(key, "round-report", Map.of("request", request, "result", result, "policy", v));
    StringBuilder md = new StringBuilder();
    md.append("# Training round ").append(roundId).append("\n\n");
    md.append("- method: ")
        .append(request.method())
        .append(" (")
        .append(request.description())
        .append(")\n");
    md.append("- new version: ")
        .append(v.version())
        .append(", from ")
        .append(request.parent() == null ? "fresh weights" : request.parent())
        .append('\n');
    md.append("- network: ").append(v.architecture()).append('\n');
    md.append("- training: ")
        .append(request.config().describe())
        .append(", ")
        .append(v.examples())
        .append(" examples from ")
        .append(v.data().size())
        .append(" data files\n\n");
    md.append("| epoch | loss | accuracy | mean margin | seconds |\n|---|---|---|---|---|\n");
    v.metrics()
        .forEach(
            m ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| %d | %.4f | %.3f | %.4f | %.1f |%n",
                        m.epoch(),
                        m.loss(),
                        m.accuracy(),
                        m.meanMargin(),
                        m.seconds())));
    md.append('\n').append(line(result.dev()));
    if (result.currentDev() != null) {
      md.append(line(result.currentDev()));
    }
    md.append("\npromoted: ")
        .append(result.promoted())
        .append(" (margin ")
        .append(request.promotionMargin())
        .append(")\n");
    artifacts
        .store()
        .put(
            StoreKeys.round(roundId, "report.md"),
            md.toString().getBytes(StandardCharsets.UTF_8),
            "text/markdown");
    return key;
  }

  private static String line(EvalSummary e) {
    return String.format(
        Locale.ROOT,
        "- %s on %s: %d/%d = %.1f%% success, mean score %.4f, mean steps %.2f (no search; the"
            + " tasks a seeded sample of the split stratified by category, sample seed %d)%n",
        e.policy(),
        e.split(),
        e.successes(),
        e.tasks(),
        100 * e.successRate(),
        e.meanScore(),
        e.meanSteps(),
        TaskSampler.SAMPLE_SEED);
  }
}
