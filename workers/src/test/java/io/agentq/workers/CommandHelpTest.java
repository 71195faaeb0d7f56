package io.agentq.workers;

import static io.agentq.workers.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentq.workers.CommandLineTest.Run;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers -h and --help with its options, exit code 0 and nothing on stderr. */
class CommandHelpTest {
  /** An option line of picocli's usage other than the standard help and version options. */
  private static final Pattern OWN_OPTION =
      Pattern.compile("(?m)^\\s+(-\\w, )?--(?!help\\b|version\\b)[a-z][\\w-]*");

  @Test
  void topLevelHelpListsTheCommandsWithoutAWarning() {
    Run r = run("--help");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err(), "no picocli warning");
    assertTrue(r.out().startsWith("Usage: agentq "), r.out());
    for (String name : subcommands()) {
      assertTrue(r.out().contains("  " + name + " "), name + " in: " + r.out());
    }
  }

  @Test
  void everySubcommandAnswersHelp() {
    List<String> names = subcommands();
    assertTrue(names.size() >= 10, names.toString());
    CommandLine main = new CommandLine(new Main());
    for (String name : names) {
      CommandLine sub = main.getSubcommands().get(name);
      if (sub.getSubcommands().isEmpty()) {
        helps(List.of(name));
      } else {
        // A command group (cycle, schedule): its help lists its commands, each has its own help.
        Run r = run(name, "--help");
        assertEquals(0, r.code(), name + ": " + r.err());
        for (String nested : sub.getSubcommands().keySet()) {
          assertTrue(r.out().contains("  " + nested + " "), nested + " in: " + r.out());
          helps(List.of(name, nested));
        }
      }
    }
  }

  private static void helps(List<String> command) {
    String name = String.join(" ", command);
    for (String flag : List.of("--help", "-h")) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add(flag);
      Run r = run(args.toArray(String[]::new));
      assertEquals(0, r.code(), name + " " + flag + ": " + r.err());
      assertEquals("", r.err(), name + " " + flag);
      assertTrue(r.out().startsWith("Usage: agentq " + name), r.out());
      assertTrue(OWN_OPTION.matcher(r.out()).find(), name + " lists an option: " + r.out());
    }
  }

  private static List<String> subcommands() {
    return List.copyOf(new CommandLine(new Main()).getSubcommands().keySet());
  }
}
