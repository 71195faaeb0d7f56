package io.agentq.workers;

import io.agentq.core.InputException;
import io.agentq.workers.commands.BundleCommand;
import io.agentq.workers.commands.CycleCommand;
import io.agentq.workers.commands.DemoCommand;
import io.agentq.workers.commands.EpisodeCommand;
import io.agentq.workers.commands.EvalCommand;
import io.agentq.workers.commands.ExpertCommand;
import io.agentq.workers.commands.ForkCommand;
import io.agentq.workers.commands.GenerateCommand;
import io.agentq.workers.commands.LadderCommand;
import io.agentq.workers.commands.LadderDiffCommand;
import io.agentq.workers.commands.ReplayCommand;
import io.agentq.workers.commands.ReportCommand;
import io.agentq.workers.commands.ScheduleCommand;
import io.agentq.workers.commands.SearchAttributesCommand;
import io.agentq.workers.commands.ServeCommand;
import io.agentq.workers.commands.ShowCommand;
import io.agentq.workers.commands.TrainBaseCommand;
import io.agentq.workers.commands.TrainCommand;
import io.agentq.workers.commands.TrainCriticCommand;
import io.agentq.workers.commands.TrainJudgeCommand;
import io.agentq.workers.commands.UiCommand;
import io.agentq.workers.commands.WorkerCommand;
import io.agentq.workers.tools.BenchDpoCommand;
import io.agentq.workers.tools.BenchSearchCommand;
import io.agentq.workers.tools.BenchStepsCommand;
import io.agentq.workers.tools.FaultRunCommand;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The agentq command line. */
@Command(
    name = "agentq",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every subcommand answers -h/--help and -V/--version too
    version = "agentq 0.1.0",
    description = "Agent Q: web agents that improve themselves by critic-guided MCTS and DPO.",
    subcommands = {
      DemoCommand.class,
      EpisodeCommand.class,
      EvalCommand.class,
      ExpertCommand.class,
      ServeCommand.class,
      GenerateCommand.class,
      BenchStepsCommand.class,
      BenchSearchCommand.class,
      WorkerCommand.class,
      ShowCommand.class,
      FaultRunCommand.class,
      TrainBaseCommand.class,
      TrainCommand.class,
      LadderCommand.class,
      BenchDpoCommand.class,
      TrainCriticCommand.class,
      TrainJudgeCommand.class,
      CycleCommand.class,
      ScheduleCommand.class,
      SearchAttributesCommand.class,
      ReplayCommand.class,
      BundleCommand.class,
      ForkCommand.class,
      UiCommand.class,
      ReportCommand.class,
      LadderDiffCommand.class
    })
public final class Main implements Runnable {
  /**
   * gRPC logs through java.util.logging, not SLF4J: at INFO it prints stack traces of its own
   * executor shutting down when a command ends. Held here so that the level is not collected.
   */
  private static final Logger GRPC = Logger.getLogger("io.grpc");

  /**
   * The embedded Temporal service's gRPC server warns, with a stack trace, of every stream still
   * open when it stops at the end of a command; it is a server only this process talks to.
   */
  private static final Logger EMBEDDED_SERVER =
      Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler");

  static {
    GRPC.setLevel(Level.WARNING);
    EMBEDDED_SERVER.setLevel(Level.SEVERE);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line; bad input is one line on standard error and exit code 2. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          var bad = InputException.in(e);
          if (bad.isPresent()) {
            cmd.getErr().println("agentq: error: " + bad.get().getMessage());
            return 2;
          }
          cmd.getErr().println("agentq: failed: " + e);
          e.printStackTrace(cmd.getErr());
          return 1;
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("agentq: error: " + e.getMessage());
          return 2;
        });
    cli.setErr(new PrintWriter(System.err, true));
    return cli.execute(args);
  }
}
