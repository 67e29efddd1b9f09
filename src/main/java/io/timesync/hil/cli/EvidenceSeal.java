package io.timesync.hil.cli;

import io.timesync.hil.report.EvidenceStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@code ./mvnw verify} once the report is made: copies the single-file report into the run's evidence
 * ({@code report/index.html}) and writes the manifest again, so that the archived evidence folder holds the report
 * QA signs and proves both complete and unaltered ({@code ./quick-check --verify-evidence <dir>}).
 */
public final class EvidenceSeal {
    private EvidenceSeal() {
    }

    /** @param args the evidence folder and the report file */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: EvidenceSeal <evidence folder> <report file>");
        }
        Path evidence = Path.of(args[0]);
        Path report = Path.of(args[1]);
        if (!Files.isDirectory(evidence) || !Files.isRegularFile(report)) {
            System.out.println("evidence seal: no run's evidence (" + evidence + ") or no report (" + report
                    + "): nothing to seal");
            return;
        }
        EvidenceStore store = EvidenceStore.reopen(evidence);
        store.save(Path.of("report", "index.html"), Files.readAllBytes(report));
        store.writeManifest();
        System.out.println("evidence sealed: " + evidence.resolve("manifest.csv") + " (the report is in "
                + evidence.resolve("report") + ")");
    }
}
