"""TLS and mutual TLS from the config's PEM files, with a throwaway CA made here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from svcq.config import ConfigError, load_config
from svcq.server import StartupError, server_credentials

x509 = pytest.importorskip("cryptography.x509")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

from svcq.testing import start_server  # noqa: E402


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _certificate(name: str, key: ec.EllipticCurvePrivateKey, issuer: tuple | None,
                 *, ca: bool = False, localhost: bool = False) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name, issuer_key = issuer or (subject, key)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5))
               .not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if localhost:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost")]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA, a server certificate for localhost and a client certificate, as PEM files."""
    folder = tmp_path_factory.mktemp("pki")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("svcq test CA", ca_key, None, ca=True)
    files = {"ca": ca.public_bytes(serialization.Encoding.PEM)}
    for who in ("server", "client"):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _certificate(who, key, (ca.subject, ca_key), localhost=who == "server")
        files[f"{who}_cert"] = cert.public_bytes(serialization.Encoding.PEM)
        files[f"{who}_key"] = _pem_key(key)
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pem"
        paths[name].write_bytes(data)
    return paths


def _health(address: str, credentials: grpc.ChannelCredentials | None) -> int:
    target = address.replace("127.0.0.1", "localhost")
    channel = (grpc.secure_channel(target, credentials) if credentials
               else grpc.insecure_channel(target))
    with channel:
        return health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(), timeout=3).status


def _serve(tmp_path: Path, pki: dict[str, Path], mutual: bool):
    security = {"tls_cert_file": str(pki["server_cert"]), "tls_key_file": str(pki["server_key"])}
    if mutual:
        security["tls_client_ca_file"] = str(pki["ca"])
    running = start_server(f"sqlite:///{tmp_path / 'tls.db'}", auth=True,
                           config={"security": security})
    return running


def test_tls_serves_encrypted_and_refuses_plaintext(tmp_path: Path, pki):
    running = _serve(tmp_path, pki, mutual=False)
    try:
        trusted = grpc.ssl_channel_credentials(root_certificates=pki["ca"].read_bytes())
        assert _health(running.address, trusted) == health_pb2.HealthCheckResponse.SERVING
        with pytest.raises(grpc.RpcError) as plain:
            _health(running.address, None)
        assert plain.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        running.server.stop(grace=0)


def test_mutual_tls_needs_a_client_certificate_the_ca_signed(tmp_path: Path, pki):
    running = _serve(tmp_path, pki, mutual=True)
    try:
        root = pki["ca"].read_bytes()
        with_cert = grpc.ssl_channel_credentials(
            root_certificates=root, private_key=pki["client_key"].read_bytes(),
            certificate_chain=pki["client_cert"].read_bytes())
        assert _health(running.address, with_cert) == health_pb2.HealthCheckResponse.SERVING
        with pytest.raises(grpc.RpcError) as anonymous:
            _health(running.address, grpc.ssl_channel_credentials(root_certificates=root))
        assert anonymous.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        running.server.stop(grace=0)


def test_tls_settings_are_checked(tmp_path: Path):
    with pytest.raises(ConfigError) as half:
        load_config(None, overrides={"security": {"tls_cert_file": "a.pem"}}, environ={})
    assert "security.tls_key_file" in str(half.value)
    with pytest.raises(ConfigError) as mutual_only:
        load_config(None, overrides={"security": {"tls_client_ca_file": "ca.pem"}}, environ={})
    assert "security.tls_client_ca_file" in str(mutual_only.value)
    config = load_config(None, overrides={"security": {
        "tls_cert_file": str(tmp_path / "missing.pem"), "tls_key_file": "k.pem"}}, environ={})
    with pytest.raises(StartupError, match="cannot read TLS file"):
        server_credentials(config.security)
