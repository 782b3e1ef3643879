/// An RSA public key and tokens signed with its private key by openssl (the
/// private key was discarded): `{"sub":"rsa-client","tenant_id":"acme-rsa","exp":4102444800}`.
enum RSAFixture {
    static let publicKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAufwDKTdblggVOcTKa+zf
        N9i91eBnBXZaYUlg98pKmdJ9NppM3UhBoeSw/51/MWn4t3YjgA1WKSv441FbptTT
        mdFInqVr182fwVxRcNs2vwhcGeukY8ljzrQ5hW39om1Up2PDStpcyIJV2/uK8BQP
        V0PSHKBNW0ErvdyXS8Aci7MrpyTw5LZHOxlZW1UO/VQfc9CGcvGRN8oq9AKlf66V
        4EAgfRQvNL58VuEm9q5dE1/e8Xeg2/qljvTxafv4RuUGJpyqq244QvqEpLNr3z3Z
        c6R9VJJwdSvCZTFfyYKZ6tdfWAqWprC1lAYcZuMFF/u50Vp/jyiWMQNl/08bv7h4
        LQIDAQAB
        -----END PUBLIC KEY-----
        """
    static let rs256 =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyc2EtY2xpZW50IiwidGVuYW50X2lkIjoiYWNtZS1yc2EiLCJleHA" +
        "iOjQxMDI0NDQ4MDB9.bdJl0Cfc9GR0JE2MNFb7lj4rmMoGngDwrmDYAhXGllzB55cYfeAgPCMvS0Vk2x2IPDdfxoyCPv4pQWvZAw" +
        "-OO4Hj-UmrhyVyKf_McjFcs6-X0WroEzjSQMJUrXqRrk0mRdsCac5RlQiIeLqcV33SrJgAvD6NULxqQ8ZduCjbnldVlgM4j7Glol" +
        "IWAmY_9CIVqtvqihh-4t7AVi_f09yQ4voP_anKA5_VAFvC7wjq8Vm0xXNmXdYMp0KteWbIa4pHFGxFBeiYotHoyb3TScLLAYxwmV" +
        "bzPWHlaqa6cBrIetq6LVJRv4KKt0TnxsbBNpRMcgdigUL-3GA5o0p0njY1vg"
    static let rs512 =
        "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyc2EtY2xpZW50IiwidGVuYW50X2lkIjoiYWNtZS1yc2EiLCJleHA" +
        "iOjQxMDI0NDQ4MDB9.YZZcqZ7QfTDeYtbF0SnuKCPdMVXTvhCsI5AQj5J_K072eE6o4a2vWtH6HPHGUFjfnw4VH6_ktktex93ZrO" +
        "SCC3eLKSXMvWvXImtgasi7ndP7zkzDcNHuUHNvQPXOYNt2ysxrCnEr06RdOKhHv6aRYbVsZDWS62XISaVMiM9gax4JBkOJ5fBas_" +
        "8x2KwKmPpdLNTLqxaTwoEPZbobNqwv5PURxDbaHdo4d4wdeMx5D7n-rMJ03aK376dKJ3dSS7ItA_tctEwHxjO8MqKr2qvrwURNa8" +
        "w9LwN-eror1Rsf7dNoK7DqtBqv9C6QS_1tb8K3YN3OtEPr256V_qVeGIHZHA"
}
