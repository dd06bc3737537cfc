/*
 * Mingzhang's local Elasticsearch node (tests only): a PluginsService that loads the
 * bundled modules it is given from the class path, as the node finds no modules/ folder
 * (there is no distribution, only the published jars). It lives in this package for
 * the package-private LoadedPlugin record.
 */
package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

public class ClasspathModulesService extends PluginsService {
    private final List<LoadedPlugin> modules;

    public ClasspathModulesService(Settings settings, Environment environment, Collection<Class<? extends Plugin>> classes) {
        super(settings, environment.configDir(), new PluginsLoader(Set.of(), Set.of(), java.util.Map.of()));
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> type : classes) {
            Plugin plugin = loadPlugin(type, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(type.getName(), "bundled module loaded from the class path",
                Build.current().version(), Build.current().version(), Integer.toString(Runtime.version().feature()),
                type.getName(), null, List.of(), false, false, false, false);
            loaded.add(new LoadedPlugin(descriptor, plugin, type.getClassLoader()));
        }
        loadExtensions(loaded);
        loaded.addAll(super.plugins());
        this.modules = List.copyOf(loaded);
    }

    @Override
    protected final List<LoadedPlugin> plugins() {
        return modules;
    }
}
