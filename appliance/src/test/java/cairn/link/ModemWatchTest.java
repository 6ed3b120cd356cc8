package cairn.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.hardware.modem.ModemReader;
import cairn.hardware.modem.ModemResult;
import cairn.hardware.modem.ModemSample;
import cairn.hardware.modem.NetworkMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModemWatchTest {
  /** Answers from a script, as a modem would one read at a time. */
  private static ModemWatch scripted(ModemSample... answers) {
    ArrayDeque<ModemResult> script = new ArrayDeque<>(List.of(answers));
    return new ModemWatch(new ModemReader() {
      public ModemResult read() {
        return script.removeFirst();
      }

      public String describe() {
        return "a script";
      }
    });
  }

  private static ModemSample lte(double rsrp) {
    return ModemSample.at(Instant.EPOCH).mode(NetworkMode.FOUR_G).rsrpDbm(rsrp).build();
  }

  @Test
  void aFallBackToAnOlderNetworkIsAHintOnce() {
    ModemWatch w = scripted(lte(-90), ModemSample.at(Instant.EPOCH).mode(NetworkMode.THREE_G).rssiDbm(-70).build());
    w.poll();
    assertEquals(Optional.empty(), w.takeHint());
    w.poll();
    assertEquals(Optional.of("the modem fell back from 4G to 3G"), w.takeHint());
    assertEquals(Optional.empty(), w.takeHint(), "taken once");
    assertEquals(NetworkMode.THREE_G, w.latest().orElseThrow().mode().orElseThrow());
  }

  @Test
  void aSignalCollapseAgainstTheRecentBestIsAHintButDriftIsNot() {
    ModemWatch w = scripted(lte(-85), lte(-88), lte(-91), lte(-93), lte(-99));
    for (int i = 0; i < 4; i++) {
      w.poll();
      assertEquals(Optional.empty(), w.takeHint(), "a few dB at a time is drift");
    }
    w.poll();
    assertTrue(w.takeHint().orElseThrow().startsWith("the signal collapsed from -85 to -99 dBm"));
  }

  @Test
  void aModemThatDoesNotAnswerGivesNoHint() {
    ModemWatch w = new ModemWatch(new ModemReader() {
      public ModemResult read() {
        return new cairn.hardware.modem.ModemFailure(cairn.hardware.modem.ModemFailure.Reason.TIMEOUT, "no answer in 3 s", Instant.EPOCH);
      }

      public String describe() {
        return "a silent modem";
      }
    });
    w.poll();
    assertEquals(Optional.empty(), w.takeHint());
    assertEquals(Optional.empty(), w.latest());
  }
}
