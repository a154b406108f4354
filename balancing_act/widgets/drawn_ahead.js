// The page's half of an explorer's chart: Altair's JupyterChart front end
// (altair/jupyter/js/index.js, BSD-3-Clause, Vega-Altair Developers), changed so that a state the
// kernel draws ahead is drawn ahead in the page too. Embedding a spec anew (vega-embed: Vega-Lite
// compiled, Vega parsed, its dataflow run, SVG rendered) took 46-87 ms of a move in Chromium;
// swapping in a view drawn while the student read the chart takes a DOM replacement.
//
// Each spec the kernel names (its `usermeta.ba_state`, set by balancing_act.widgets.explorer) is
// embedded once into a box of its own, off the page, and kept (the last KEPT states); showing a
// state puts its box in the widget. A spec with no name is embedded anew each time, as Altair does.
// The kernel sends the states it draws ahead in a custom message, {kind: "drawn ahead", states:
// [{state, spec}]}; they are embedded one by one when the page is idle, so a student's move is
// never queued behind them for long.
//
// Bundled offline with vl-convert (balancing_act/widgets/drawn_ahead_chart.py), which provides
// `vegaEmbed` and `lodashDebounce`; so this file has no imports.

const KEPT = 8;

function cleanJson(data) {
    return JSON.parse(JSON.stringify(data));
}

function whenIdle() {
    return new Promise(resolve =>
        window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 300 }) : setTimeout(resolve, 0)
    );
}

async function render({ model, el }) {
    const views = new Map(); // state name -> {state, box, api, ready, listening}, oldest first
    let shown = null;
    let moves = 0; // counts requests to show, so a slow embed never covers a later state
    let queue = Promise.resolve(); // states drawn ahead, embedded one at a time

    function showError(error) {
        el.innerHTML =
            '<div style="color:red;"><p>JavaScript Error: ' + error.message + "</p>" +
            "<p>This usually means there's a typo in your chart specification. " +
            "See the javascript console for the full traceback.</p></div>";
    }

    function forget(entry) {
        if (entry.api) entry.api.finalize();
        else entry.ready.then(api => api && api.finalize(), () => {});
    }

    // The entry of `state` (embedded now if it is not kept), most recently used last. Its box
    // says whether it was drawn ahead or when shown (`data-ba-drawn`, which the browser tests read).
    function entryFor(state, spec, drawn = "when shown") {
        let entry = state == null ? undefined : views.get(state);
        if (entry !== undefined) {
            views.delete(state);
            views.set(state, entry);
            return entry;
        }
        const box = document.createElement("div");
        box.dataset.baDrawn = drawn;
        entry = { state, box, api: null, listening: false };
        const options = structuredClone(model.get("embed_options")) ?? undefined;
        entry.ready = vegaEmbed(box, structuredClone(spec), options).then(api => (entry.api = api));
        if (state != null) {
            views.set(state, entry);
            for (const [name, old] of views) {
                if (views.size <= KEPT) break;
                if (old !== shown && old !== entry) {
                    views.delete(name);
                    forget(old);
                }
            }
        }
        return entry;
    }

    function debounced(handler) {
        const wait = model.get("debounce_wait") ?? 10;
        const options = { leading: false, trailing: true };
        if (model.get("max_wait") ?? true) options.maxWait = wait;
        return lodashDebounce(handler, wait, options);
    }

    // The view's selections, parameters and watched signals and data go to the kernel while the
    // view is the one shown (as Altair's front end does for its one view).
    function listen(entry) {
        if (entry.listening) return;
        entry.listening = true;
        const view = entry.api.view;
        for (const name of Object.keys(model.get("_vl_selections") ?? {})) {
            view.addSignalListener(name, debounced((_, value) => {
                if (shown !== entry) return;
                const selections = cleanJson(model.get("_vl_selections") ?? {});
                selections[name] = { value, store: cleanJson(view.data(`${name}_store`) ?? []) };
                model.set("_vl_selections", selections);
                model.save_changes();
            }));
        }
        for (const name of Object.keys(model.get("_params") ?? {})) {
            view.addSignalListener(name, debounced((_, value) => {
                if (shown !== entry) return;
                const params = cleanJson(model.get("_params") ?? {});
                params[name] = value;
                model.set("_params", params);
                model.save_changes();
            }));
        }
        for (const watch of model.get("_js_watch_plan") ?? []) {
            const send = debounced((_, value) => {
                if (shown !== entry) return;
                model.set("_js_to_py_updates", [
                    { namespace: watch.namespace, name: watch.name, scope: watch.scope, value: cleanJson(value) },
                ]);
                model.save_changes();
            });
            if (watch.namespace === "data") addDataListener(view, watch.name, watch.scope, send);
            else if (watch.namespace === "signal") addSignalListener(view, watch.name, watch.scope, send);
        }
    }

    function report(entry) {
        const view = entry.api.view;
        const selections = {};
        for (const name of Object.keys(model.get("_vl_selections") ?? {})) {
            selections[name] = {
                value: cleanJson(view.signal(name) ?? {}),
                store: cleanJson(view.data(`${name}_store`) ?? []),
            };
        }
        const params = {};
        for (const name of Object.keys(model.get("_params") ?? {})) params[name] = view.signal(name) ?? null;
        model.set("_vl_selections", selections);
        model.set("_params", params);
        model.save_changes();
    }

    async function show() {
        const move = ++moves;
        model.set("local_tz", Intl.DateTimeFormat().resolvedOptions().timeZone);
        const spec = model.get("spec");
        if (spec == null) {
            el.replaceChildren();
            shown = null;
            model.save_changes();
            return;
        }
        const entry = entryFor(spec.usermeta?.ba_state ?? null, spec);
        try {
            await entry.ready;
        } catch (error) {
            if (entry.state != null) views.delete(entry.state);
            showError(error);
            return;
        }
        if (move !== moves) return; // the student moved on while this was drawn
        if (shown && shown.state == null && shown !== entry) forget(shown);
        el.replaceChildren(entry.box);
        shown = entry;
        listen(entry);
        report(entry);
    }

    function startAgain() {
        for (const entry of views.values()) if (entry !== shown) forget(entry);
        views.clear();
        if (shown) forget(shown);
        shown = null;
        return show();
    }

    model.on("msg:custom", message => {
        if (message?.kind !== "drawn ahead") return;
        for (const { state, spec } of message.states) {
            queue = queue
                .then(whenIdle)
                .then(() => (views.has(state) ? null : entryFor(state, spec, "ahead").ready))
                .catch(() => {});
        }
    });
    model.on("change:_params", async changed => {
        if (!shown) return;
        const params = changed.changed ? changed.changed._params : changed;
        for (const [name, value] of Object.entries(params ?? {})) shown.api.view.signal(name, value);
        await shown.api.view.runAsync();
    });
    model.on("change:_py_to_js_updates", async changed => {
        if (!shown) return;
        const updates = changed.changed ? changed.changed._py_to_js_updates : changed;
        for (const update of updates ?? []) {
            if (update.namespace === "signal") setSignalValue(shown.api.view, update.name, update.scope, update.value);
            else if (update.namespace === "data") setDataValue(shown.api.view, update.name, update.scope, update.value);
        }
        await shown.api.view.runAsync();
    });
    model.on("change:spec", show);
    model.on("change:embed_options", startAgain);
    model.on("change:debounce_wait", startAgain);
    model.on("change:max_wait", startAgain);
    await show();
    return () => {
        for (const entry of views.values()) forget(entry);
        if (shown && shown.state == null) forget(shown);
    };
}

// From Altair's front end, unchanged: Vega's nested signals and data.
function getNestedRuntime(view, scope) {
    let runtime = view._runtime;
    for (const index of scope) runtime = runtime.subcontext[index];
    return runtime;
}

function lookupSignalOp(view, name, scope) {
    return getNestedRuntime(view, scope).signals[name] ?? null;
}

function dataRef(view, name, scope) {
    return getNestedRuntime(view, scope).data[name];
}

function setSignalValue(view, name, scope, value) {
    view.update(lookupSignalOp(view, name, scope), value);
}

function setDataValue(view, name, scope, value) {
    const dataset = dataRef(view, name, scope);
    const changeset = view.changeset().remove(() => true).insert(value);
    dataset.modified = true;
    view.pulse(dataset.input, changeset);
}

function addSignalListener(view, name, scope, handler) {
    return addOperatorListener(view, name, lookupSignalOp(view, name, scope), handler);
}

function addDataListener(view, name, scope, handler) {
    return addOperatorListener(view, name, dataRef(view, name, scope).values, handler);
}

function findOperatorHandler(op, handler) {
    const found = (op._targets || []).filter(target => target._update && target._update.handler === handler);
    return found.length ? found[0] : null;
}

function addOperatorListener(view, name, op, handler) {
    let listener = findOperatorHandler(op, handler);
    if (!listener) {
        listener = trap(view, () => handler(name, op.value));
        listener.handler = handler;
        view.on(op, null, listener);
    }
    return view;
}

function trap(view, fn) {
    return !fn
        ? null
        : function () {
              try {
                  fn.apply(this, arguments);
              } catch (error) {
                  view.error(error);
              }
          };
}

export default { render };
