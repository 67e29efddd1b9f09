package io.timesync.hil.report;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaChartTest {

    @Test
    void rendersAPngOfTheSamplesWithTheThresholdBand() throws IOException {
        List<DeltaChart.Point> points = List.of(new DeltaChart.Point(1, 120_000_000, 1_000_000),
                new DeltaChart.Point(2, -20_000_000, 900_000));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                DeltaChart.png("camera x: delta", "x", "sample", "delta", points, 100_000_000)));

        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(420);
        assertThat(hasGreenBand(image)).as("the green threshold band is drawn").isTrue();
    }

    @Test
    void zoomsToTheSamplesWhenTheThresholdWouldFlattenThem() throws IOException {
        List<DeltaChart.Point> points = List.of(new DeltaChart.Point(1, 2_000, 500), new DeltaChart.Point(2, -1_000, 400));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                DeltaChart.png("camera x: delta", "x", "sample", "delta", points, 100_000_000)));

        assertThat(hasGreenBand(image)).as("no band: it lies far outside the µs range").isFalse();
    }

    /** Whether some pixel is the band's pale green (green clearly above red and blue). */
    private static boolean hasGreenBand(BufferedImage image) {
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                if (green - red >= 10 && green - blue >= 8) {
                    return true;
                }
            }
        }
        return false;
    }
}
