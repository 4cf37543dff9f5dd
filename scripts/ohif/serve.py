#!/usr/bin/python3
"""OHIF's prebuilt viewer and Orthanc's DICOMweb on one origin: files from DIST, /dicom-web/ and /wado
forwarded to Orthanc; DELAY seconds added to every metadata answer (a slow PACS).
   serve.py PORT DIST ORTHANC_URL [DELAY]"""
import http.server, os, sys, time, urllib.request

port, dist, orthanc = int(sys.argv[1]), sys.argv[2], sys.argv[3].rstrip('/')
delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0

class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=dist, **k)

    def end_headers(self):
        self.send_header('Cross-Origin-Opener-Policy', 'same-origin')
        self.send_header('Cross-Origin-Embedder-Policy', 'require-corp')
        self.send_header('Cross-Origin-Resource-Policy', 'same-origin')
        super().end_headers()

    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path.startswith('/dicom-web/') or self.path.startswith('/wado'):
            if delay and self.path.split('?')[0].endswith('/metadata'):
                time.sleep(delay)
            req = urllib.request.Request(orthanc + self.path, headers={k: v for k, v in self.headers.items() if k.lower() in ('accept',)})
            try:
                with urllib.request.urlopen(req, timeout=120) as r:
                    body = r.read()
                    self.send_response(r.status)
                    self.send_header('Content-Type', r.headers.get('Content-Type', 'application/octet-stream'))
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            except urllib.error.HTTPError as e:
                self.send_response(e.code)
                self.end_headers()
            return
        path = self.path.split('?')[0]
        if not os.path.isfile(os.path.join(dist, path.lstrip('/'))):
            self.path = '/index.html'  # the viewer's own routes
        super().do_GET()

http.server.ThreadingHTTPServer(('127.0.0.1', port), Handler).serve_forever()
