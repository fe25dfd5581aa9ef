using System.Runtime.Serialization;

// The service's own request contracts for the legacy Auth routes (SPEC 3): the
// service declares them in the DataContract namespace SessionGateway.Auth.
namespace SessionGateway.Auth {
  [DataContract(Name = "LoginRequest")]
  public class LoginRequest {
    [DataMember] public string UserName { get; set; }
    [DataMember] public string Password { get; set; }
  }

  [DataContract(Name = "RefreshRequest")]
  public class RefreshRequest {
    [DataMember] public string RefreshToken { get; set; }
  }
}
