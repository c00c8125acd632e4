import io

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from jobs.mail import mail_later
from liaison import formfields, limits
from liaison.formfields import capped_password
from liaison.models import LOGO_TYPES, AgencyUnit, Installation, StaffMembership, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = capped_password(AuthenticationForm.base_fields["password"])

    def clean_username(self):
        return User.objects.normalize_email(self.cleaned_data["username"])


class _AgencyUnitField:
    """Limit the unit choices to the agency's own units: another agency's unit is not a choice."""

    def limit_units(self, agency):
        self.fields["unit"].queryset = AgencyUnit.objects.for_agency(agency).filter(is_active=True)
        self.fields["unit"].empty_label = "— no unit —"


class StaffAddForm(_AgencyUnitField, formfields.ModelForm):
    email = forms.EmailField(label="Email address")
    full_name = forms.CharField(label="Full name", max_length=150)

    class Meta:
        model = StaffMembership
        fields = ["role", "unit", "title", "liaison_hours_per_week"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(agency)
        self.order_fields(["full_name", "email"])

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"])


class StaffEditForm(_AgencyUnitField, formfields.ModelForm):
    class Meta:
        model = StaffMembership
        fields = [
            "role",
            "unit",
            "title",
            "liaison_hours_per_week",
            "job_description",
            "is_active",
        ]
        labels = {"is_active": "Active (can sign in to this agency)"}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(agency)


class UnitForm(formfields.ModelForm):
    class Meta:
        model = AgencyUnit
        fields = ["name", "level", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = AgencyUnit.objects.for_agency(self.agency).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Your agency already has a unit with this name.")
        return name


# What a logo may be, as Pillow names the format it reads in the file's bytes (whatever the
# file's name or the browser says): never SVG, which can carry a script.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}


def logo_type(content: bytes) -> str:
    """The type of a logo (a key of `LOGO_TYPES`), read from the image itself; a ValidationError
    for anything but a whole PNG, JPEG or WebP image of at most LOGO_MAX_SIDE pixels a side."""
    not_an_image = forms.ValidationError(
        _("The logo must be a PNG, JPEG or WebP image (not SVG): this file is not one."),
        code="logo_type",
    )
    try:
        with Image.open(io.BytesIO(content), formats=list(LOGO_FORMATS)) as image:
            width, height = image.size
            if width > limits.LOGO_MAX_SIDE or height > limits.LOGO_MAX_SIDE:
                raise forms.ValidationError(
                    _(
                        "The logo is %(width)s × %(height)s pixels: at most %(side)s × %(side)s, "
                        "please."
                    ),
                    code="logo_size",
                    params={"width": width, "height": height, "side": limits.LOGO_MAX_SIDE},
                )
            # The whole image, not its first bytes only: a damaged or cut file is refused.
            image.load()
            return LOGO_FORMATS[image.format]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None


class InstallationForm(formfields.ModelForm):
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "Shown beside the name at the top of every page. A PNG, JPEG or WebP image (not SVG) "
            "of at most 200 KB and 1024 × 1024 pixels; a square one shows best."
        ),
        widget=forms.FileInput(attrs={"accept": ",".join(LOGO_TYPES.values())}),
    )
    remove_logo = forms.BooleanField(
        label=_("Remove the logo"),
        required=False,
        help_text=_("The pages show the site's standard mark again."),
    )

    class Meta:
        model = Installation
        exclude = ["updated_at"]
        widgets = {
            "privacy": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_logo_file(self):
        """The uploaded logo as (its bytes, its type), or None when none was sent."""
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > limits.LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is too large (%(size)s KB): at most %(most)s KB, please."),
                code="logo_bytes",
                params={"size": -(-upload.size // 1024), "most": limits.LOGO_MAX_BYTES // 1024},
            )
        content = upload.read()
        return content, logo_type(content)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo_file") and cleaned.get("remove_logo"):
            self.add_error(
                "remove_logo", _("Either upload a new logo or remove the logo, not both.")
            )
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        new_logo = self.cleaned_data.get("logo_file")
        if new_logo:
            profile.logo, profile.logo_type = new_logo
            profile.logo_changed_at = timezone.now()
        elif self.cleaned_data.get("remove_logo") and profile.logo_type:
            profile.logo, profile.logo_type = b"", ""
            profile.logo_changed_at = timezone.now()
        if commit:
            profile.save()
        return profile


class AcceptInvitationForm(formfields.Form):
    """A new account for someone invited by email: a leader invited to keep a listing, or a
    person invited to an agency's staff."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few words you will remember work well."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("password1"), cleaned.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            try:
                password_validation.validate_password(
                    one, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail written in the request and sent by the task
    queue: the answer comes as fast whether or not the account exists."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_later(subject, body, [to_email], from_email=from_email)
