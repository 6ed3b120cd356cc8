package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QualityMeterTest {

    private final GreyImage picture = TestImages.pattern(320, 240, 0);

    @Test
    void identicalPicturesScoreSsimOneAndCappedPsnr() {
        GreyImage copy = new GreyImage(320, 240, picture.pixels().clone());
        assertEquals(1.0, QualityMeter.ssim(picture, copy), 1e-12);
        assertEquals(QualityMeter.PSNR_CAP_DB, QualityMeter.psnr(picture, copy));
    }

    @Test
    void flatIdenticalPicturesAlsoScoreOne() {
        GreyImage black = GreyImage.filled(64, 48, 0);
        assertEquals(1.0, QualityMeter.ssim(black, GreyImage.filled(64, 48, 0)), 1e-12);
    }

    @Test
    void moreNoiseScoresLower() {
        double lightSsim = QualityMeter.ssim(picture, TestImages.withNoise(picture, 4, 1));
        double heavySsim = QualityMeter.ssim(picture, TestImages.withNoise(picture, 30, 1));
        double lightPsnr = QualityMeter.psnr(picture, TestImages.withNoise(picture, 4, 1));
        double heavyPsnr = QualityMeter.psnr(picture, TestImages.withNoise(picture, 30, 1));
        assertTrue(lightSsim < 1 && lightSsim > 0.8, "light noise SSIM " + lightSsim);
        assertTrue(heavySsim < lightSsim && heavySsim < 0.5, "heavy noise SSIM " + heavySsim);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 16), lightPsnr, 0.5);
        assertTrue(heavyPsnr < lightPsnr - 10, "heavy noise PSNR " + heavyPsnr);
    }

    @Test
    void ssimIsSymmetric() {
        GreyImage noisy = TestImages.withNoise(picture, 12, 7);
        assertEquals(QualityMeter.ssim(picture, noisy), QualityMeter.ssim(noisy, picture), 1e-12);
    }

    @Test
    void refusesPicturesOfDifferentSizes() {
        assertThrows(IllegalArgumentException.class, () -> QualityMeter.ssim(picture, TestImages.pattern(160, 120, 0)));
    }

    /** 1800 frames of 720p must be scored in well under a minute; a per-pixel 11x11 filter would take ~50 ms a frame. */
    @Test
    void scoresA720pFrameInAFewMilliseconds() {
        GreyImage a = TestImages.pattern(1280, 720, 0);
        GreyImage b = TestImages.withNoise(a, 8, 3);
        for (int i = 0; i < 5; i++) {
            QualityMeter.ssim(a, b);
        }
        int frames = 30;
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            QualityMeter.ssim(a, b);
            QualityMeter.psnr(a, b);
        }
        double millisPerFrame = (System.nanoTime() - start) / 1e6 / frames;
        assertTrue(millisPerFrame < 25, "SSIM + PSNR took " + millisPerFrame + " ms per 720p frame");
    }
}
