import factory
from django.contrib.auth import get_user_model

from accounts.consent import CURRENT_CONSENT_VERSION
from accounts.models import Consent

PASSWORD = "a calm and steady rhythm 42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Give the user a verified allauth email address (unless verified=False)."""
        user.save()
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    user = factory.SubFactory(UserFactory)
    version = CURRENT_CONSENT_VERSION
