package org.dect.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dect.ProgressListener;
import org.dect.cohort.BatchRun;
import org.dect.cohort.StudyList;
import org.dect.format.Csv;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.render.Fusion;
import org.dect.testdata.PhantomGenerator;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.PhantomWriter;
import org.dect.testdata.Scenario;

/** The Spark runner in local[2] mode gives dect batch's table on the same cohort, a broken study a row with its reason. */
class DectSparkTest {

    @TempDir
    Path tmp;

    @Test
    void itsTableIsDectBatchsAndABrokenStudyIsARow() throws IOException {
        StringBuilder manifest = new StringBuilder("study,path,patient,timepoint\n");
        for (int i = 1; i <= 3; i++) {
            Path study = tmp.resolve("cohort").resolve("s" + i);
            PhantomWriter.write(PhantomGenerator.generate(PhantomSpec.defaults(i == 2 ? Scenario.CALCINOSIS : Scenario.GOUT)
                    .withSize(64, 64, 12).withSeed(40 + i)), study, false, 1, ProgressListener.NONE);
            manifest.append("s").append(i).append(',').append(study).append(",P").append(i).append(",0\n");
        }
        Path broken = tmp.resolve("cohort").resolve("broken");
        PhantomWriter.write(PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(64, 64, 8)), broken, false, 1,
                ProgressListener.NONE);
        try (var walk = Files.walk(broken.resolve("high"))) { // one energy only
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        manifest.append("broken,").append(broken).append(",P9,0\n");
        Path file = Files.writeString(tmp.resolve("manifest.csv"), manifest);

        List<Map<String, Object>> spark;
        SparkSession session = SparkSession.builder().master("local[2]").appName("dect test").config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1") // loopback only
                .config("spark.sql.shuffle.partitions", 2).getOrCreate();
        try {
            spark = DectSpark.run(session, file, tmp.resolve("spark-out"), "three-material", "report");
            List<Row> parquet = session.read().parquet(tmp.resolve("spark-out").resolve("cohort.parquet").toString()).collectAsList();
            assertEquals(4, parquet.size());
            assertEquals(1, parquet.stream().filter(r -> "failed".equals(r.getAs("status"))).count());
        } finally {
            session.stop();
        }
        List<Map<String, Object>> batch = new BatchRun(DecompositionOptions.defaults(), new OutputOptions(OutputKind.parse("report"),
                Fusion.DEFAULT, 100, "test"), 2, false, line -> { }).run(StudyList.of(file), tmp.resolve("batch-out"));
        assertEquals(batch.size(), spark.size());
        for (int i = 0; i < batch.size(); i++) {
            for (String column : batch.get(i).keySet()) {
                if (!column.equals("seconds")) {
                    assertEquals(Csv.cell(batch.get(i).get(column)), Csv.cell(spark.get(i).get(column)), batch.get(i).get("study") + ": " + column);
                }
            }
        }
        Map<String, Object> failed = spark.stream().filter(r -> r.get("study").equals("broken")).findFirst().orElseThrow();
        assertEquals("failed", failed.get("status"));
        assertTrue(String.valueOf(failed.get("error")).contains("high"), String.valueOf(failed.get("error")));
        assertEquals(3, spark.stream().filter(r -> "ok".equals(r.get("status"))).count());
        assertTrue(Files.readString(tmp.resolve("spark-out").resolve("cohort.csv")).startsWith("study,status,error,patient"));
        assertTrue(Files.isRegularFile(tmp.resolve("spark-out").resolve("s1").resolve("report.json")));
    }
}
