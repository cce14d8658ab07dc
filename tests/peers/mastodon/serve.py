"""Runs mastodon_mock for majlis-peers: on 127.0.0.1 only, on a port the OS picks.

`mastodon_mock serve` cannot do three things that tests need, so this does them
around the same app (`create_app`, as its CLI calls it):

* it binds the socket itself, to port 0 unless told otherwise, and only then
  builds the app, so there is no race for a "free" port and the status URLs the
  mock makes carry the real one;
* it prints one JSON line on stdout, `{"url": "http://127.0.0.1:PORT"}`, once
  uvicorn serves, so the caller need not poll;
* it stops when its stdin closes, so a test process that dies outright does not
  leave it behind. (SIGTERM and SIGINT stop it too, through uvicorn.)

Its state (SQLite file, uploaded media) goes in --data-dir, never in the OS temp
directory, and no configuration file is read from the working directory: every
run starts from the mock's defaults, which seed one account, `testuser`, whose
token is `mock_token`.

By hand: `.venv/bin/python serve.py --data-dir /tmp/somewhere [--port 3000]`.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from mastodon_mock.app import create_app
from mastodon_mock.config import MastodonMockConfig

HOST = "127.0.0.1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 (the default): any free port")
    parser.add_argument("--data-dir", required=True, help="where the database and media go")
    parser.add_argument("--log-level", default="warning", help="uvicorn's; 'info' logs each request")
    args = parser.parse_args()

    data = Path(args.data_dir)
    media = data / "media"
    media.mkdir(parents=True, exist_ok=True)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, args.port))
    port = sock.getsockname()[1]
    url = f"http://{HOST}:{port}"

    # Defaults, not MastodonMockConfig.load(): that reads ./.mastodon_mock.toml or
    # ./pyproject.toml, whatever the working directory holds.
    config = MastodonMockConfig()
    config.domain = f"{HOST}:{port}"
    config.url_scheme = "http"
    config.database.path = str(data / "mastodon.sqlite")
    config.media_storage_path = str(media)

    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config),
            # The app sets "Server: Mastodon" itself, as a real instance does.
            server_header=False,
            log_level=args.log_level,
            access_log=args.log_level in ("debug", "trace", "info"),
        )
    )

    def announce() -> None:
        while not server.started:
            if server.should_exit:
                return
            time.sleep(0.01)
        print(json.dumps({"url": url}), flush=True)

    def stop_when_stdin_closes() -> None:
        sys.stdin.buffer.read()
        server.should_exit = True

    threading.Thread(target=announce, daemon=True).start()
    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    server.run(sockets=[sock])


if __name__ == "__main__":
    main()
