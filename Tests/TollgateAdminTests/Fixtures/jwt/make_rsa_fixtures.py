"""Generates the RSA fixtures of the admin auth tests with an implementation
independent of jwt-kit (pyca/cryptography, JWS assembled by hand).

Run once from this folder: `python3 make_rsa_fixtures.py`. It writes the public
key (PEM and JWKS) and signed tokens; the private key is never written.
"""

import base64
import json

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KID = "fixture-rsa-1"
EXP_2100 = 4102444800  # 2100-01-01T00:00:00Z
IAT = 1767225600  # 2026-01-01T00:00:00Z


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def uint(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def sign(key, alg: str, digest, claims: dict) -> str:
    header = {"alg": alg, "typ": "JWT", "kid": KID}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), digest)
    return signing_input + "." + b64url(signature)


def main() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key()
    with open("rsa-public.pem", "wb") as file:
        file.write(
            public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
    numbers = public.public_numbers()
    jwks = {"keys": [{"kty": "RSA", "use": "sig", "kid": KID, "n": uint(numbers.n), "e": uint(numbers.e)}]}
    with open("rsa-jwks.json", "w") as file:
        json.dump(jwks, file, indent=2)
        file.write("\n")

    admin = {"sub": "python-admin", "roles": ["ADMIN"], "iat": IAT, "exp": EXP_2100}
    tokens = {
        "rs256-admin.jwt": sign(key, "RS256", hashes.SHA256(), admin),
        "rs384-admin.jwt": sign(key, "RS384", hashes.SHA384(), admin),
        "rs512-admin.jwt": sign(key, "RS512", hashes.SHA512(), admin),
        "rs256-reader.jwt": sign(
            key, "RS256", hashes.SHA256(), {"sub": "python-reader", "roles": ["READER"], "iat": IAT, "exp": EXP_2100}
        ),
    }
    for name, token in tokens.items():
        with open(name, "w") as file:
            file.write(token + "\n")


if __name__ == "__main__":
    main()
