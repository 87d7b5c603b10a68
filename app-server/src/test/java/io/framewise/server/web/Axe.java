package io.framewise.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (the web UI's pinned dev dependency, so the same rules every run) injected into the page a
 * {@link Browser} shows, run against the WCAG 2.1 A and AA rules. The script comes from the web UI's
 * node_modules, which the Maven build installs from the lockfile before any test runs.
 */
final class Axe {

    static final Path SCRIPT = Path.of("src", "main", "web", "node_modules", "axe-core", "axe.min.js");
    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    /** One rule broken on the page: its id, impact, what it means and the first few elements. */
    record Violation(String rule, String impact, String help, List<String> targets) {

        boolean seriousOrWorse() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return rule + " (" + impact + "): " + help + " at " + targets;
        }
    }

    private Axe() {}

    /** Every violation on the page as it is now. */
    @SuppressWarnings("unchecked")
    static List<Violation> check(Browser browser) {
        String script;
        try {
            script = Files.readString(SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: build the web UI (npm ci) first", e);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("if (!window.axe) { " + script + "\n}");
        Object result = js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact || 'minor', help: v.help,"
                        + " targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));",
                TAGS);
        List<Violation> out = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            out.add(new Violation((String) v.get("id"), (String) v.get("impact"), (String) v.get("help"), (List<String>)
                    v.get("targets")));
        }
        return out;
    }

    /** The serious and critical violations only: the ones the web UI must not have. */
    static List<Violation> serious(Browser browser) {
        return check(browser).stream().filter(Violation::seriousOrWorse).toList();
    }
}
