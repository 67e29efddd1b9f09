#!/usr/bin/env bash
# Renders the README's report screenshots: a red run of the simulated bench (a camera 150 ms off, a
# missing camera, a sensor stamping 20 ms late) after two green runs (for the trend), its single-file
# report opened in Debian's headless chromium. Needs chromium (apt-get install chromium) and python3
# (to find the report's test ids). Run from anywhere: docs/screenshots/render.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
history="$(mktemp -d)"
trap 'rm -rf "$history"' EXIT

for run in 1 2; do
  ./mvnw --quiet --batch-mode verify -Dallure.history.directory="$history"
done
./mvnw --quiet --batch-mode verify -Dallure.history.directory="$history" \
  -Dhil.simulation.cameras.faults="05520126 offset=+150ms,05520129 missing" \
  -Dhil.simulation.sensors.faults="os-front late=20ms" || true  # red on purpose

report="$PWD/target/allure-single-file/index.html"
# route name -> the report route (test ids are generated per report: read them from the embedded data)
routes="$(python3 - "$report" <<'PY'
import base64, json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
def data(name):
    encoded = re.search(r"d\('" + re.escape(name) + r"','([^']*)'\)", html).group(1)
    return json.loads(base64.b64decode(encoded))
def leaves(node, path):
    for child in node.get("children", []):
        if "children" in child:
            yield from leaves(child, path + [child["uid"]])
        else:
            yield child, path + [child["uid"]]
def route(tree, status, text):
    for test, path in leaves(data("data/" + tree + ".json"), []):
        if test["status"] == status and text in test["name"]:
            return tree + "/" + "/".join(path[-2:])  # the test's group, the test
    sys.exit("no %s test '%s' in %s" % (status, text, tree))
print("overview", "")
print("categories", route("categories", "failed", "other cameras (delta to the median) camera 05520126"))
print("camera-failed", route("suites", "failed", "other cameras (delta to the median) camera 05520126"))
print("camera-broken", route("suites", "broken", "other cameras (delta to the median) camera 05520129"))
print("sensor-failed", route("suites", "failed", "none from the future os-front lidar"))
PY
)"
while read -r name route; do
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1000 \
    --virtual-time-budget=15000 --screenshot="$out/$name.png" "file://$report#$route" 2>/dev/null
  echo "$out/$name.png"
done <<< "$routes"
# the charts the report attaches, as written to the evidence
cp "target/hil-evidence/tests/CameraAlignmentTest/withinThresholdOfTheOtherCameras camera 05520126/delta to median chart.png" \
  "$out/camera-delta-chart.png"
cp "target/hil-evidence/tests/SensorPacketTimingTest/everyPacketWithinBound os-front lidar/diff over time.png" \
  "$out/sensor-diff-chart.png"
ls "$out"/*-chart.png
