"""What a clients process loads before it serves: the libraries of rarely used features wait
until they are used (about 33 MiB of every process: boto for the S3 backend, openpyxl for XLSX
exports)."""

import subprocess
import sys

ONLY_ON_USE = ("openpyxl", "aioboto3", "aiobotocore", "botocore", "PIL")


def test_the_service_starts_without_the_libraries_of_its_optional_features():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, cartera_clients.main; "
            "print('\\n'.join(sorted({name.split('.')[0] for name in sys.modules})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "cartera_clients" in loaded  # the import did run
    assert [name for name in ONLY_ON_USE if name in loaded] == []
