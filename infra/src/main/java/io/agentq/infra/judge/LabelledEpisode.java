package io.agentq.infra.judge;

import io.agentq.core.judge.JudgeInput;

/**
 * An episode as a judge learns from it or is measured on it: what the judge may see ({@link
 * JudgeInput}, built without the score) and, apart from it, the site's own outcome.
 *
 * @param site the site ("shop", "booking")
 * @param split the task's split ("train", "dev", "heldout")
 * @param source what produced the episode (a policy: "zero-shot", "expert", "expert-deviating")
 * @param taskId the task
 * @param category the task's category (the shop: its target's product category)
 * @param episodeId the episode's id
 * @param input what the judge sees
 * @param success the site's outcome (its database check): the label
 * @param score the site's score of the episode (for reports, never for the judge)
 * @param failure why the episode could not be run (null when it ran); such episodes are not used
 */
public record LabelledEpisode(
    String site,
    String split,
    String source,
    int taskId,
    String category,
    String episodeId,
    JudgeInput input,
    boolean success,
    double score,
    String failure) {}
