package cairn.encode;

import static org.junit.jupiter.api.Assertions.*;

import cairn.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPinTest {
  private final FakeTicker ticker = new FakeTicker();
  private final EncodingTarget base = new EncodingTarget(1500, 0, 0, 0);
  private final TargetPin pin = new TargetPin(() -> base, ticker);
  private final List<EncodingTarget> applied = new ArrayList<>();

  @Test
  void aPinHoldsAgainstTheRateControllerUntilItsTimeIsUp() {
    pin.attach(applied::add);
    EncodingTarget operator = new EncodingTarget(300, 5, 0, 0);
    EncodingTarget controller = new EncodingTarget(800, 0, 0, 0);
    pin.pin(operator, Duration.ofMinutes(10));
    pin.setTarget(controller);
    ticker.advance(Duration.ofMinutes(9));
    assertFalse(pin.expire());
    assertEquals(operator, pin.effective());
    ticker.advance(Duration.ofMinutes(1));
    assertTrue(pin.expire());
    assertEquals(List.of(operator, controller), applied);
    assertEquals(controller, pin.effective());
  }

  @Test
  void liftingAPinWithoutControllerRequestsGoesBackToTheBaseline() {
    pin.attach(applied::add);
    pin.pin(new EncodingTarget(300, 0, 0, 0), Duration.ofMinutes(10));
    pin.pin(new EncodingTarget(999, 0, 0, 0), Duration.ZERO);
    assertEquals(base, applied.get(applied.size() - 1));
    assertTrue(pin.pinned().isEmpty());
  }

  @Test
  void aNewPipelineGetsThePinnedTarget() {
    EncodingTarget operator = new EncodingTarget(300, 0, 640, 360);
    pin.pin(operator, Duration.ofMinutes(10));
    List<EncodingTarget> second = new ArrayList<>();
    pin.attach(second::add);
    assertEquals(List.of(operator), second);
    List<EncodingTarget> third = new ArrayList<>();
    pin.pin(operator, Duration.ZERO);
    pin.attach(third::add);
    assertEquals(List.of(), third, "a pipeline without pin or request keeps its config");
  }
}
