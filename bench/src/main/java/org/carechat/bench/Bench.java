package org.carechat.bench;

import java.util.Arrays;
import org.carechat.bench.scenario.ClusterScenario;
import org.carechat.bench.scenario.CompareScenario;
import org.carechat.bench.scenario.ConnectionsScenario;
import org.carechat.bench.scenario.HistoryScenario;
import org.carechat.bench.scenario.JmhScenario;
import org.carechat.bench.scenario.LatencyScenario;
import org.carechat.bench.scenario.ThroughputScenario;

/**
 * The load scenarios, each against the shipped server jar started as a separate process:
 * {@code bench/run.sh throughput|latency|connections|history [options]}. See docs/performance.md.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            usage();
            return;
        }
        Args args = new Args(Arrays.copyOfRange(argv, 1, argv.length));
        switch (argv[0]) {
            case "throughput" -> ThroughputScenario.run(args);
            case "latency" -> LatencyScenario.run(args);
            case "connections" -> ConnectionsScenario.run(args);
            case "history" -> HistoryScenario.run(args);
            case "compare" -> CompareScenario.run(args);
            case "cluster" -> ClusterScenario.run(args);
            case "jmh" -> JmhScenario.run(args);
            default -> {
                System.err.println("unknown scenario '" + argv[0] + "'");
                usage();
                System.exit(2);
            }
        }
        // Netty's and java.net.http's threads are daemons, but be explicit: the run is over
        System.exit(0);
    }

    private static void usage() {
        System.out.println("""
                usage: bench/run.sh <scenario> [options]

                scenarios (each starts the server jar as its own process, runs, stops it, writes bench/results/*.json):
                  throughput   steps the message rate up until delivery p99 > 50 ms or a message is lost
                               --pairs 500 --start-rate 1000 --factor 1.5 --refine 2 --rates a,b,c
                               --warmup 60s --measure 20s --drain 10s --p99-limit-ms 50 --content 100
                  latency      a fixed rate (default: half the highest rate held by the latest throughput run)
                               --rate R --pairs 500 --warmup 60s --measure 60s
                  connections  K idle authenticated sockets, memory per connection
                               --connections 50000 --steps 4 --sources 4 --hold 40s
                  history      a conversation of 1,000,000 messages, then newest and deep pages over REST
                               --messages 1000000 --fetch-rate 200 --fetch-time 20s --deep-max 10000 --warmup 60s
                  compare      CareChat beside the Node.js + Socket.IO peer (bench/peer-node), same generator and pinning
                               --pairs 100 --rate 3000 --warmup 20s --measure 8s --rounds 3 (server on core 0, generator on 1; CareChat with -XX:+UseZGC, as the README says)
                  cluster      one node, then two nodes with every delivery crossing them (Redis, a shared mongo-java-server)
                               --pairs 20 --rate 100 --warmup 20s --measure 10s --rounds 3 --redis-server redis-server
                  jmh          the JMH microbenchmarks once the machine is quiet: --jmh "<JMH options>"

                common: --store memory|embedded|mongo  --mongo-uri URI  --label NAME (names a variant in result files)  --jar bootstrap/target/carechat.jar
                        --server-jvm-opts "-Xmx4g ..."  --jfr [--jfr-period 2ms] (record the server with JFR)  --client-threads 1
                        --server-cpus 0 --generator-cpus 1 (pin the server and this generator to those cores, taskset lists)
                        --results bench/results  --quiet-cores 0.2 --quiet-wait 10m (wait for other processes)
                        --max-other-cores 0.25 --retries 2 (run a disturbed step again)
                """);
    }
}
