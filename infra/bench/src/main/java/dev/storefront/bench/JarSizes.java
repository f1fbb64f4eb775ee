package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.SamFunction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each deployment package's size, from the files template.yaml names as CodeUri. */
final class JarSizes {

    static final double LIMIT_MB = 20.0;

    private final Bench bench;

    JarSizes(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Map<Path, List<String>> jars = new LinkedHashMap<>();
        for (SamFunction f : bench.template.functions()) {
            jars.computeIfAbsent(f.codeUri(), p -> new java.util.ArrayList<>()).add(f.logicalId());
        }
        ObjectNode json = bench.json.putObject("jarSizes");
        StringBuilder md = new StringBuilder("| jar | functions | size (MB, 10^6 bytes) |\n|---|---|---|\n");
        double largest = 0;
        for (Map.Entry<Path, List<String>> jar : jars.entrySet()) {
            double mb = Files.size(jar.getKey()) / 1e6;
            largest = Math.max(largest, mb);
            json.put(bench.root.relativize(jar.getKey()).toString(), Samples.round(mb));
            md.append("| `").append(bench.root.relativize(jar.getKey())).append("` | ").append(String.join(", ", jar.getValue()))
                    .append(" | ").append(String.format("%.1f", mb)).append(" |\n");
        }
        bench.report.section("Shaded jar size per function", "ls -l functions/*/target/*.jar", md.toString());
        bench.report.target("each jar <= 20 MB", String.format("largest %.1f MB", largest), largest <= LIMIT_MB, "");
    }
}
