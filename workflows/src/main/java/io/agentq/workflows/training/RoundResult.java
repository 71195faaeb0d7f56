package io.agentq.workflows.training;

/**
 * What a training round produced.
 *
 * @param version the new policy version
 * @param resumedAfterEpoch the saved epoch training went on from after a worker died (0: none)
 * @param dev its success on the dev split
 * @param currentDev the current version's success on the same dev tasks (null: there was none)
 * @param promoted whether the new version is now the promoted one
 * @param reportKey the round's report in the store
 */
public record RoundResult(
    String version,
    int resumedAfterEpoch,
    EvalSummary dev,
    EvalSummary currentDev,
    boolean promoted,
    String reportKey) {}
