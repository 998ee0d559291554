# workerd configuration for the runtime tests; tests/runtimes/runtimes.test.mjs writes the
# bundle next to a copy of this file and fills in the port.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:PORT", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "wasm/order_sla_bg.wasm", wasm = embed "wasm/order_sla_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
