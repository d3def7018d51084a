# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QScrollArea, QSizePolicy, QSpacerItem, QSplitter,
    QVBoxLayout, QWidget)

class Ui_ReviewPage(object):
    def setupUi(self, ReviewPage):
        if not ReviewPage.objectName():
            ReviewPage.setObjectName(u"ReviewPage")
        self.page_layout = QVBoxLayout(ReviewPage)
        self.page_layout.setObjectName(u"page_layout")
        self.splitter = QSplitter(ReviewPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.summary_scroll = QScrollArea(self.splitter)
        self.summary_scroll.setObjectName(u"summary_scroll")
        self.summary_scroll.setWidgetResizable(True)
        self.summary_contents = QWidget()
        self.summary_contents.setObjectName(u"summary_contents")
        self.summary_layout = QVBoxLayout(self.summary_contents)
        self.summary_layout.setObjectName(u"summary_layout")
        self.foc_box = QGroupBox(self.summary_contents)
        self.foc_box.setObjectName(u"foc_box")
        self.foc_box_layout = QVBoxLayout(self.foc_box)
        self.foc_box_layout.setObjectName(u"foc_box_layout")
        self.foc_form = QFormLayout()
        self.foc_form.setObjectName(u"foc_form")
        self.foc_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.foc_label = QLabel(self.foc_box)
        self.foc_label.setObjectName(u"foc_label")

        self.foc_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.foc_label)

        self.foc_row = QHBoxLayout()
        self.foc_row.setObjectName(u"foc_row")
        self.foc_row.setContentsMargins(0, 0, 0, 0)
        self.foc_specific = QCheckBox(self.foc_box)
        self.foc_specific.setObjectName(u"foc_specific")

        self.foc_row.addWidget(self.foc_specific)

        self.requested_foc_date = QDateEdit(self.foc_box)
        self.requested_foc_date.setObjectName(u"requested_foc_date")
        self.requested_foc_date.setCalendarPopup(True)

        self.foc_row.addWidget(self.requested_foc_date)

        self.foc_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.foc_row.addItem(self.foc_row_spacer)


        self.foc_form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.foc_row)

        self.requested_foc_time_label = QLabel(self.foc_box)
        self.requested_foc_time_label.setObjectName(u"requested_foc_time_label")

        self.foc_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requested_foc_time_label)

        self.foc_time_row = QHBoxLayout()
        self.foc_time_row.setObjectName(u"foc_time_row")
        self.foc_time_row.setContentsMargins(0, 0, 0, 0)
        self.requested_foc_time = QComboBox(self.foc_box)
        self.requested_foc_time.setObjectName(u"requested_foc_time")

        self.foc_time_row.addWidget(self.requested_foc_time)

        self.requested_foc_timezone_label = QLabel(self.foc_box)
        self.requested_foc_timezone_label.setObjectName(u"requested_foc_timezone_label")

        self.foc_time_row.addWidget(self.requested_foc_timezone_label)

        self.requested_foc_timezone = QComboBox(self.foc_box)
        self.requested_foc_timezone.setObjectName(u"requested_foc_timezone")

        self.foc_time_row.addWidget(self.requested_foc_timezone)

        self.foc_time_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.foc_time_row.addItem(self.foc_time_row_spacer)


        self.foc_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.foc_time_row)

        self.foc_note = QLabel(self.foc_box)
        self.foc_note.setObjectName(u"foc_note")
        self.foc_note.setWordWrap(True)

        self.foc_form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.foc_note)


        self.foc_box_layout.addLayout(self.foc_form)


        self.summary_layout.addWidget(self.foc_box)

        self.contact_box = QGroupBox(self.summary_contents)
        self.contact_box.setObjectName(u"contact_box")
        self.contact_box_layout = QVBoxLayout(self.contact_box)
        self.contact_box_layout.setObjectName(u"contact_box_layout")
        self.contact_intro = QLabel(self.contact_box)
        self.contact_intro.setObjectName(u"contact_intro")
        self.contact_intro.setWordWrap(True)

        self.contact_box_layout.addWidget(self.contact_intro)

        self.contact_form = QFormLayout()
        self.contact_form.setObjectName(u"contact_form")
        self.contact_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.contact__name_label = QLabel(self.contact_box)
        self.contact__name_label.setObjectName(u"contact__name_label")

        self.contact_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.contact__name_label)

        self.contact__name = QLineEdit(self.contact_box)
        self.contact__name.setObjectName(u"contact__name")

        self.contact_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.contact__name)

        self.contact__email_label = QLabel(self.contact_box)
        self.contact__email_label.setObjectName(u"contact__email_label")

        self.contact_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.contact__email_label)

        self.contact__email = QLineEdit(self.contact_box)
        self.contact__email.setObjectName(u"contact__email")

        self.contact_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.contact__email)

        self.contact__phone_label = QLabel(self.contact_box)
        self.contact__phone_label.setObjectName(u"contact__phone_label")

        self.contact_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.contact__phone_label)

        self.contact__phone = QLineEdit(self.contact_box)
        self.contact__phone.setObjectName(u"contact__phone")

        self.contact_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.contact__phone)

        self.customer_reference_label = QLabel(self.contact_box)
        self.customer_reference_label.setObjectName(u"customer_reference_label")

        self.contact_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.customer_reference_label)

        self.customer_reference = QLineEdit(self.contact_box)
        self.customer_reference.setObjectName(u"customer_reference")

        self.contact_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.customer_reference)


        self.contact_box_layout.addLayout(self.contact_form)


        self.summary_layout.addWidget(self.contact_box)

        self.checklist = QLabel(self.summary_contents)
        self.checklist.setObjectName(u"checklist")
        self.checklist.setWordWrap(True)
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.checklist.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.summary_layout.addWidget(self.checklist)

        self.summary = QLabel(self.summary_contents)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.summary_layout.addWidget(self.summary)

        self.summary_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.summary_layout.addItem(self.summary_spacer)

        self.summary_scroll.setWidget(self.summary_contents)
        self.splitter.addWidget(self.summary_scroll)
        self.preview_panel = QWidget(self.splitter)
        self.preview_panel.setObjectName(u"preview_panel")
        self.preview_layout = QVBoxLayout(self.preview_panel)
        self.preview_layout.setObjectName(u"preview_layout")
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_choice_row = QHBoxLayout()
        self.preview_choice_row.setObjectName(u"preview_choice_row")
        self.preview_choice_row.setContentsMargins(0, 0, 0, 0)
        self.preview_choice_label = QLabel(self.preview_panel)
        self.preview_choice_label.setObjectName(u"preview_choice_label")

        self.preview_choice_row.addWidget(self.preview_choice_label)

        self.preview_choice = QComboBox(self.preview_panel)
        self.preview_choice.setObjectName(u"preview_choice")

        self.preview_choice_row.addWidget(self.preview_choice)

        self.preview_choice_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.preview_choice_row.addItem(self.preview_choice_row_spacer)


        self.preview_layout.addLayout(self.preview_choice_row)

        self.preview_host = QWidget(self.preview_panel)
        self.preview_host.setObjectName(u"preview_host")

        self.preview_layout.addWidget(self.preview_host)

        self.splitter.addWidget(self.preview_panel)

        self.page_layout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.requested_foc_time_label.setBuddy(self.requested_foc_time)
        self.requested_foc_timezone_label.setBuddy(self.requested_foc_timezone)
        self.contact__name_label.setBuddy(self.contact__name)
        self.contact__email_label.setBuddy(self.contact__email)
        self.contact__phone_label.setBuddy(self.contact__phone)
        self.customer_reference_label.setBuddy(self.customer_reference)
        self.preview_choice_label.setBuddy(self.preview_choice)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.foc_specific, self.requested_foc_date)
        QWidget.setTabOrder(self.requested_foc_date, self.requested_foc_time)
        QWidget.setTabOrder(self.requested_foc_time, self.requested_foc_timezone)
        QWidget.setTabOrder(self.requested_foc_timezone, self.contact__name)
        QWidget.setTabOrder(self.contact__name, self.contact__email)
        QWidget.setTabOrder(self.contact__email, self.contact__phone)
        QWidget.setTabOrder(self.contact__phone, self.customer_reference)
        QWidget.setTabOrder(self.customer_reference, self.checklist)
        QWidget.setTabOrder(self.checklist, self.summary)
        QWidget.setTabOrder(self.summary, self.preview_choice)

        self.retranslateUi(ReviewPage)

        QMetaObject.connectSlotsByName(ReviewPage)
    # setupUi

    def retranslateUi(self, ReviewPage):
        self.foc_box.setTitle(QCoreApplication.translate("ReviewPage", u"When the numbers move", None))
        self.foc_label.setText(QCoreApplication.translate("ReviewPage", u"Switch date:", None))
        self.foc_specific.setText(QCoreApplication.translate("ReviewPage", u"Ask for a specific &date:", None))
#if QT_CONFIG(accessibility)
        self.foc_specific.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Ask for a specific switch date", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.requested_foc_date.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Preferred date for the numbers to move", None))
#endif // QT_CONFIG(accessibility)
        self.requested_foc_date.setDisplayFormat(QCoreApplication.translate("ReviewPage", u"ddd MMM d, yyyy", None))
        self.requested_foc_time_label.setText(QCoreApplication.translate("ReviewPage", u"Preferred &time:", None))
#if QT_CONFIG(accessibility)
        self.requested_foc_time.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Preferred time of day for the numbers to move", None))
#endif // QT_CONFIG(accessibility)
        self.requested_foc_timezone_label.setText(QCoreApplication.translate("ReviewPage", u"time &zone:", None))
#if QT_CONFIG(accessibility)
        self.requested_foc_timezone.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Time zone of the preferred time", None))
#endif // QT_CONFIG(accessibility)
        self.foc_note.setText("")
        self.contact_box.setTitle(QCoreApplication.translate("ReviewPage", u"How your new provider reaches you", None))
#if QT_CONFIG(accessibility)
        self.contact_box.setAccessibleName(QCoreApplication.translate("ReviewPage", u"How your new provider reaches you", None))
#endif // QT_CONFIG(accessibility)
        self.contact_intro.setText(QCoreApplication.translate("ReviewPage", u"Contact e-mail or phone (one is needed so the provider can reach you about this order and the move date).", None))
        self.contact__name_label.setText(QCoreApplication.translate("ReviewPage", u"Your na&me:", None))
#if QT_CONFIG(accessibility)
        self.contact__name.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Contact name", None))
#endif // QT_CONFIG(accessibility)
        self.contact__name.setPlaceholderText(QCoreApplication.translate("ReviewPage", u"who the provider should ask for", None))
        self.contact__email_label.setText(QCoreApplication.translate("ReviewPage", u"&E-mail:", None))
#if QT_CONFIG(accessibility)
        self.contact__email.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Contact e-mail (this or a phone number is needed)", None))
#endif // QT_CONFIG(accessibility)
        self.contact__email.setPlaceholderText(QCoreApplication.translate("ReviewPage", u"name@example.com", None))
        self.contact__phone_label.setText(QCoreApplication.translate("ReviewPage", u"P&hone:", None))
#if QT_CONFIG(accessibility)
        self.contact__phone.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Contact phone (this or an e-mail is needed)", None))
#endif // QT_CONFIG(accessibility)
        self.contact__phone.setPlaceholderText(QCoreApplication.translate("ReviewPage", u"a number that works during the move, e.g. a mobile", None))
        self.customer_reference_label.setText(QCoreApplication.translate("ReviewPage", u"Your &reference:", None))
#if QT_CONFIG(accessibility)
        self.customer_reference.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Your own reference for this order (optional)", None))
#endif // QT_CONFIG(accessibility)
        self.customer_reference.setPlaceholderText(QCoreApplication.translate("ReviewPage", u"optional: a ticket or purchase-order number of yours", None))
        self.checklist.setText("")
#if QT_CONFIG(accessibility)
        self.checklist.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Rejection risk checklist", None))
#endif // QT_CONFIG(accessibility)
        self.summary.setText("")
#if QT_CONFIG(accessibility)
        self.summary.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Summary of your order", None))
#endif // QT_CONFIG(accessibility)
        self.preview_choice_label.setText(QCoreApplication.translate("ReviewPage", u"Pre&view:", None))
#if QT_CONFIG(accessibility)
        self.preview_choice.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Document to preview", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.preview_host.setAccessibleName(QCoreApplication.translate("ReviewPage", u"Document preview", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

