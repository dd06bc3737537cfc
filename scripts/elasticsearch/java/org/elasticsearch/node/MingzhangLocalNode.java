/*
 * Mingzhang's local Elasticsearch node for tests: a real single node (the published
 * server jar, unmodified) with the bundled transport-netty4 module for HTTP, on loopback.
 *
 *   java -cp <classes>:<lib>/* org.elasticsearch.node.MingzhangLocalNode HOME HTTP_PORT TRANSPORT_PORT [WATCH_PID]
 *
 * HOME gets data/, logs/ and config/. The node stops on SIGTERM (or when WATCH_PID, if
 * given, exits), closing cleanly. Prints "MINGZHANG-ES-STARTED <http address>" when the
 * HTTP layer is bound; readiness (cluster health) is checked by the caller.
 * It lives in org.elasticsearch.node for Node's package-private construction hooks.
 */
package org.elasticsearch.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.plugins.ClasspathModulesService;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

public final class MingzhangLocalNode extends Node {

    private MingzhangLocalNode(Environment environment) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new ClasspathModulesService(env.settings(), env, List.of(Netty4Plugin.class));
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MingzhangLocalNode HOME HTTP_PORT TRANSPORT_PORT [WATCH_PID]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        for (String dir : new String[] { "data", "logs", "config" }) {
            Files.createDirectories(home.resolve(dir));
        }
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "mingzhang-local")
            .put("node.name", "mingzhang-local-0")
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("discovery.type", "single-node")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A throwaway node on a shared disk: never turn indices read-only over free space.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"),
            () -> "mingzhang-local-0");

        MingzhangLocalNode node = new MingzhangLocalNode(environment);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "mingzhang-es-shutdown"));
        node.start();
        HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
        System.out.println("MINGZHANG-ES-STARTED " + http.boundAddress().publishAddress());
        System.out.flush();
        if (args.length > 3) {
            long watched = Long.parseLong(args[3]);
            ProcessHandle.of(watched).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        }
        closed.await();
    }
}
