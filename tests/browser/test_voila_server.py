"""The tests' and the benchmark's Voila launcher survives its port being taken between choosing
it and listening on it (another server's kernels bind five random ports each while it starts)."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

from tests.browser.voila_server import VoilaServer


def test_a_port_taken_before_the_server_listens_is_given_up_for_another(tmp_path: Path) -> None:
    root, results = tmp_path / "pages", tmp_path / "results"
    root.mkdir()
    results.mkdir()
    server = VoilaServer("staff", results, extra_args=("--pool-size", "0"), root=root)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", server.port))
        taken.listen()
        chosen = server.port
        server.start()
        try:
            assert server.port != chosen
            with urllib.request.urlopen(f"{server.url}/voila/tree", timeout=10) as answer:
                assert answer.status == 200
        finally:
            server.stop()
