package cairn.lab.codecbench;

/** Quality of a run over the source frames: mean and 5th-percentile SSIM, mean PSNR (dB, capped). */
public record QualitySummary(int frames, double ssimMean, double ssimP05, double psnrMean) {}
