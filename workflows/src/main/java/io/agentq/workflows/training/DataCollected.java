package io.agentq.workflows.training;

import java.util.List;

/**
 * What a collection made.
 *
 * @param episodes every episode, in task order (failures too)
 * @param tasks tasks tried
 * @param nextTask the index in the split's order where a later collection goes on
 */
public record DataCollected(List<DataEpisode> episodes, int tasks, int nextTask) {
  public DataCollected {
    episodes = List.copyOf(episodes);
  }

  public int interactions() {
    return episodes.stream().mapToInt(DataEpisode::interactions).sum();
  }

  public int successes() {
    return (int) episodes.stream().filter(DataEpisode::success).count();
  }

  public int labels() {
    return episodes.stream().mapToInt(DataEpisode::labels).sum();
  }

  public int checks() {
    return episodes.stream().mapToInt(DataEpisode::checks).sum();
  }

  public int readBack() {
    return (int) episodes.stream().filter(DataEpisode::readBack).count();
  }

  /** The keys of every episode, in order. */
  public List<String> keys() {
    return episodes.stream().map(DataEpisode::key).toList();
  }

  /** The keys of the successful episodes, in order. */
  public List<String> successKeys() {
    return episodes.stream().filter(DataEpisode::success).map(DataEpisode::key).toList();
  }
}
