# The same Worker under workerd alone, as tests/runtimes/worker-example.test.mjs runs it:
#   workerd serve workerd.capnp --socket-addr http=127.0.0.1:8787 --external-addr origin=HOST:PORT
# with FINEWS_ORIGIN="http://HOST:PORT/posts/" in the environment. Every module is listed as
# Wrangler would bundle it: finews-reader's `workerd` entry and the files it imports.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Every fetch of the Worker goes to the origin server (the Worker checks the URL first).
    (name = "origin", external = (address = "127.0.0.1:8080", http = ())),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "src/worker.js"),
    (name = "finews-reader", esModule = embed "node_modules/finews-reader/workerd.js"),
    (name = "api.js", esModule = embed "node_modules/finews-reader/api.js"),
    (name = "finews_reader.js", esModule = embed "node_modules/finews-reader/finews_reader.js"),
    (name = "finews_reader_bg.wasm", wasm = embed "node_modules/finews-reader/finews_reader_bg.wasm"),
  ],
  bindings = [(name = "ORIGIN", fromEnvironment = "FINEWS_ORIGIN")],
  globalOutbound = "origin",
  compatibilityDate = "2025-01-01",
);
