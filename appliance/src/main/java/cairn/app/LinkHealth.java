package cairn.app;

import cairn.hardware.modem.ModemSample;
import cairn.hardware.modem.NetworkMode;
import cairn.health.Health;
import cairn.link.ModemWatch;
import cairn.rate.RateLoop;
import java.util.Optional;
import java.util.OptionalDouble;

/** The link as MQTT health reports it, read off the rate loop (health is downstream of rate). */
final class LinkHealth {
  private LinkHealth() {}

  static Health.Link of(RateLoop rate) {
    Optional<ModemSample> m = rate.modemSample();
    return new Health.Link(m.flatMap(ModemSample::mode).map(NetworkMode::label),
        m.map(ModemWatch::signalDbm).orElse(OptionalDouble.empty()), rate.estimateKbps(), rate.inOutage(),
        rate.failures());
  }
}
