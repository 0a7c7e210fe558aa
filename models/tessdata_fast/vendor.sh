#!/usr/bin/env bash
# Re-creates this folder's <lang>.traineddata.gz and PROVENANCE.json from Debian's tesseract-ocr-<lang> packages
# (the tessdata_fast LSTM models). Needs apt-get (Debian bookworm sources), dpkg-deb, gzip and sha256sum.
#   models/tessdata_fast/vendor.sh [lang...]     (default: the seven languages the engine reads)
# gzip -n writes no name or time stamp, so the same package gives the same .gz bytes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="1:4.1.0-2"
languages=("$@")
[[ ${#languages[@]} -eq 0 ]] && languages=(eng spa deu fra ita por nld)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for lang in "${languages[@]}"; do
  apt-get download -q "tesseract-ocr-${lang}=${version}" >/dev/null
done

{
  echo '{'
  echo '  "source": "Debian bookworm tesseract-ocr-<lang> packages (tesseract-lang), i.e. tessdata_fast",'
  echo '  "upstream": "https://github.com/tesseract-ocr/tessdata_fast",'
  echo '  "upstreamCommit": "65727574dfcd264acbb0c3e07860e4e9e9b22185",'
  echo '  "licence": "Apache-2.0 (see LICENSE beside this file)",'
  echo '  "models": ['
  first=1
  for lang in "${languages[@]}"; do
    deb=(tesseract-ocr-"${lang}"_*_all.deb)
    mkdir -p "x-${lang}"
    dpkg-deb -x "${deb[0]}" "x-${lang}"
    model="x-${lang}/usr/share/tesseract-ocr/5/tessdata/${lang}.traineddata"
    gzip -9 -n -c "$model" >"${here}/${lang}.traineddata.gz"
    [[ $first -eq 1 ]] || echo ','
    first=0
    printf '    {\n      "language": "%s",\n      "package": "tesseract-ocr-%s",\n      "version": "%s",\n' \
      "$lang" "$lang" "$version"
    printf '      "debSha256": "%s",\n      "bytes": %d,\n      "sha256": "%s",\n      "gzSha256": "%s"\n    }' \
      "$(sha256sum "${deb[0]}" | cut -d' ' -f1)" "$(stat -c %s "$model")" "$(sha256sum "$model" | cut -d' ' -f1)" \
      "$(sha256sum "${here}/${lang}.traineddata.gz" | cut -d' ' -f1)"
  done
  echo
  echo '  ]'
  echo '}'
} >"${here}/PROVENANCE.json"
echo "vendored ${languages[*]} into ${here}"
