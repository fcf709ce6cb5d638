package xent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WindowOptionsTest {

  @Test
  void helpOfLogprobAndScoreStatesTheWindowConvention() {
    for (Object command : new Object[] {new LogprobCommand(), new ScoreCommand()}) {
      String help = new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
      String flat = help.replaceAll("\\s+", " ");
      assertTrue(flat.contains("Windows follow lm-evaluation-harness loglikelihood_rolling exactly"), help);
      assertTrue(flat.contains("a short last window keeps the context of the window before it"), help);
    }
  }
}
