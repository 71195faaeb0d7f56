package io.agentq.core.judge;

import io.agentq.core.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link Judge} sees of one episode: the instruction, a condensed history and the final
 * page. Built from an {@link Episode} by {@link #of}, which reads only the instruction and each
 * step's command, thought and whether the site refused it: never the episode's success, score,
 * rewards or the site's messages, so nothing here carries the site's verdict. The final page is the
 * site's page as an outside judge reads it ({@link JudgeView}), with what the site marks as its own
 * (the shop's printed score) already left out.
 *
 * @param instruction the task as the user gave it
 * @param history one line per step, {@code "N. COMMAND"} with {@code " | thought: ..."} when the
 *     policy gave one and {@code " (refused)"} when the site refused it; at most {@link
 *     #MAX_HISTORY} lines (the first and the last ones, a line saying how many were left out
 *     between), each at most {@link #MAX_LINE} characters
 * @param steps how many steps the episode took (the history may show fewer)
 * @param finalPage the final page's visible text, at most {@link #MAX_PAGE} characters
 * @param screenshot a PNG of the final page, or null when none was taken
 */
public record JudgeInput(
    String instruction, List<String> history, int steps, String finalPage, byte[] screenshot) {
  /** History lines kept: the first {@link #HEAD} and the last ones. */
  public static final int MAX_HISTORY = 16;

  /** The first steps always kept when the history is cut (the searches that set the course). */
  public static final int HEAD = 4;

  /** Characters kept of one history line. */
  public static final int MAX_LINE = 200;

  /** Characters kept of the final page's text. */
  public static final int MAX_PAGE = 4000;

  public JudgeInput {
    if (instruction == null || instruction.isBlank()) {
      throw new IllegalArgumentException("judge input: the instruction is empty");
    }
    if (steps < 0) {
      throw new IllegalArgumentException("judge input: steps must not be negative, got " + steps);
    }
    history = history == null ? List.of() : List.copyOf(history);
    finalPage = finalPage == null ? "" : finalPage;
  }

  /**
   * The judge's view of {@code episode}, which ended on a page whose judge's text is {@code
   * finalPage} ({@link JudgeView#judgeText()}), with its screenshot (null: none).
   */
  public static JudgeInput of(Episode episode, String finalPage, byte[] screenshot) {
    List<String> lines = new ArrayList<>();
    for (Episode.Step s : episode.steps()) {
      lines.add(line(s));
    }
    return new JudgeInput(
        episode.instruction(),
        condense(lines),
        episode.steps().size(),
        cut(finalPage == null ? "" : finalPage, MAX_PAGE),
        screenshot);
  }

  /**
   * The judge's view of a search's simulation: the commands from the start page to a terminal page,
   * whose judge's text is {@code finalPage} (no thoughts: a rollout's steps have none kept).
   */
  public static JudgeInput ofCommands(
      String instruction, List<String> commands, String finalPage, byte[] screenshot) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      lines.add(cut((i + 1) + ". " + commands.get(i), MAX_LINE));
    }
    return new JudgeInput(
        instruction,
        condense(lines),
        commands.size(),
        cut(finalPage == null ? "" : finalPage, MAX_PAGE),
        screenshot);
  }

  /** One step as the judge reads it. */
  static String line(Episode.Step s) {
    StringBuilder b = new StringBuilder().append(s.step()).append(". ").append(s.command());
    if (s.thought() != null && !s.thought().isBlank()) {
      b.append(" | thought: ").append(s.thought().strip().replaceAll("\\s+", " "));
    }
    if (s.invalid()) {
      b.append(" (refused)");
    }
    return cut(b.toString(), MAX_LINE);
  }

  /** The first {@link #HEAD} and the last lines, {@link #MAX_HISTORY} in all with the gap line. */
  static List<String> condense(List<String> lines) {
    if (lines.size() <= MAX_HISTORY) {
      return lines;
    }
    int tail = MAX_HISTORY - HEAD - 1;
    List<String> out = new ArrayList<>(lines.subList(0, HEAD));
    out.add(String.format(Locale.ROOT, "... (%d steps left out)", lines.size() - HEAD - tail));
    out.addAll(lines.subList(lines.size() - tail, lines.size()));
    return out;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /** The commands of the history's lines, in order (the lines left out are not there). */
  public List<String> commands() {
    List<String> out = new ArrayList<>();
    for (String l : history) {
      int dot = l.indexOf(". ");
      if (l.startsWith("...") || dot < 0) {
        continue;
      }
      String rest = l.substring(dot + 2);
      int bar = rest.indexOf(" | thought: ");
      String command = bar >= 0 ? rest.substring(0, bar) : rest;
      out.add(
          command.endsWith(" (refused)") ? command.substring(0, command.length() - 10) : command);
    }
    return out;
  }

  /** How many of the history's steps the site refused. */
  public long refused() {
    return history.stream().filter(l -> l.endsWith(" (refused)")).count();
  }
}
